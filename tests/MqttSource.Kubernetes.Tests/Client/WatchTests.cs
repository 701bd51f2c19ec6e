using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.Models;
using MqttSource.Testing.Kubernetes;
using Xunit;

namespace MqttSource.Kubernetes.Tests.Client;

public sealed class WatchTests : FakeClusterTest
{
    protected override FakeApiServerOptions ServerOptions => new() { HistoryLimit = 5 };

    [Fact]
    public async Task Watch_FromListResourceVersion_SeesAddedModifiedDeletedInOrder()
    {
        var sts = Client.StatefulSets();
        var list = await sts.ListAllAsync("default", cancellationToken: TestTimeout());
        await using var events = sts.WatchAsync("default", new WatchOptions { ResourceVersion = list.ResourceVersion }, TestTimeout()).GetAsyncEnumerator();

        var created = await sts.CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        await sts.PatchAsync("default", "a", Obj("""{"spec":{"replicas":2}}"""), TestTimeout());
        await sts.DeleteAsync("default", "a", cancellationToken: TestTimeout());

        var seen = new List<WatchEvent<StatefulSet>>();
        while (seen.Count < 3 && await events.MoveNextAsync())
        {
            seen.Add(events.Current);
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], seen.Select(e => e.Type));
        Assert.Equal(created.Metadata.Uid, seen[0].Resource.Metadata.Uid);
        Assert.Equal(2, seen[1].Resource.Spec!.Replicas);
        var watch = Server.Requests.Single(r => r.IsWatch);
        Assert.Contains("allowWatchBookmarks=true", watch.Query, StringComparison.Ordinal);
        Assert.Contains($"resourceVersion={list.ResourceVersion}", watch.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_ReplaysExistingObjectsAsAdded()
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("b"), TestTimeout());

        await using var events = Client.StatefulSets().WatchAsync("default", cancellationToken: TestTimeout()).GetAsyncEnumerator();

        Assert.True(await events.MoveNextAsync());
        Assert.Equal((WatchEventType.Added, "a"), (events.Current.Type, events.Current.Resource.Metadata.Name));
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("b", events.Current.Resource.Metadata.Name);
    }

    [Fact]
    public async Task Watch_Bookmark_CarriesCurrentResourceVersion()
    {
        await using var events = Client.StatefulSets().WatchAsync("default", new WatchOptions { ResourceVersion = Server.CurrentResourceVersion }, TestTimeout()).GetAsyncEnumerator();
        var moved = events.MoveNextAsync();
        await Testing.Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");

        Server.SendBookmarks();

        Assert.True(await moved);
        Assert.Equal(WatchEventType.Bookmark, events.Current.Type);
        Assert.Equal(Server.CurrentResourceVersion, events.Current.Resource.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Watch_MalformedLine_IsSkippedAndReported()
    {
        var bad = new List<string>();
        await using var events = Client.StatefulSets()
            .WatchAsync("default", new WatchOptions { ResourceVersion = Server.CurrentResourceVersion, OnMalformedLine = (line, _) => bad.Add(line) }, TestTimeout())
            .GetAsyncEnumerator();
        var moved = events.MoveNextAsync();
        await Testing.Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");

        Server.InjectWatchLine("{this is not json");
        Server.InjectWatchLine("""{"type":"SURPRISE","object":{}}""");
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("after"), TestTimeout());

        Assert.True(await moved);
        Assert.Equal("after", events.Current.Resource.Metadata.Name);
        Assert.Equal(["{this is not json", """{"type":"SURPRISE","object":{}}"""], bad);
    }

    [Fact]
    public async Task Watch_DroppedConnection_EndsTheSequenceQuietly()
    {
        var seen = new List<WatchEvent<StatefulSet>>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in Client.StatefulSets().WatchAsync("default", new WatchOptions { ResourceVersion = Server.CurrentResourceVersion }, TestTimeout()))
            {
                seen.Add(e);
            }
        });
        await Testing.Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");

        Server.DropWatches();

        await watching.WaitAsync(Timeout);
        Assert.Empty(seen);
    }

    [Fact]
    public async Task Watch_ResourceVersionOlderThanHistory_ThrowsGone()
    {
        var first = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("s0"), TestTimeout());
        for (var i = 1; i < 8; i++)
        {
            await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet($"s{i}"), TestTimeout());
        }

        var error = await Assert.ThrowsAsync<ApiException>(async () =>
        {
            await foreach (var _ in Client.StatefulSets().WatchAsync("default", new WatchOptions { ResourceVersion = first.Metadata.ResourceVersion }, TestTimeout()))
            {
            }
        });

        Assert.True(error.IsGone);
        Assert.Equal("Expired", error.Reason);
        Assert.StartsWith("too old resource version", error.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_LabelSelector_ObjectLeavingTheSelectionIsDeleted()
    {
        var rv = Server.CurrentResourceVersion;
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a", labels: new Dictionary<string, string> { ["team"] = "x" }), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("b", labels: new Dictionary<string, string> { ["team"] = "y" }), TestTimeout());
        await Client.StatefulSets().PatchAsync("default", "a", Obj("""{"metadata":{"labels":{"team":"z"}}}"""), TestTimeout());

        var seen = new List<(WatchEventType, string?)>();
        await foreach (var e in Client.StatefulSets().WatchAsync("default", new WatchOptions { ResourceVersion = rv, LabelSelector = "team=x" }, TestTimeout()))
        {
            seen.Add((e.Type, e.Resource.Metadata.Name));
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([(WatchEventType.Added, "a"), (WatchEventType.Deleted, "a")], seen);
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_ServerEndsTheStream()
    {
        var count = 0;
        await foreach (var _ in Client.StatefulSets().WatchAsync("default", new WatchOptions { ResourceVersion = Server.CurrentResourceVersion, TimeoutSeconds = 1 }, TestTimeout()))
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Contains("timeoutSeconds=1", Server.Requests.Single().Query, StringComparison.Ordinal);
    }
}
