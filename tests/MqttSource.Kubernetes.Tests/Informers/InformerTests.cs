using System.Collections.Concurrent;
using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.Informers;
using MqttSource.Kubernetes.Models;
using MqttSource.Testing;
using MqttSource.Testing.Kubernetes;
using Xunit;

namespace MqttSource.Kubernetes.Tests.Informers;

public sealed class InformerTests : FakeClusterTest
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    protected override FakeApiServerOptions ServerOptions => new() { HistoryLimit = 3 };

    private static InformerOptions Fast(TimeSpan? resync = null) =>
        new() { Namespace = "default", InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200), ResyncPeriod = resync, PageSize = 2 };

    [Fact]
    public async Task Run_ListsThenWatches_CacheConvergesAndHandlersSeeEveryChange()
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("b"), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("c"), TestTimeout());
        var informer = Start(Fast());
        await informer.WaitForSyncAsync(TestTimeout());
        Assert.Equal(["a", "b", "c"], informer.List().Select(s => s.Metadata.Name).Order());

        await Client.StatefulSets().PatchAsync("default", "a", Obj("""{"spec":{"replicas":3}}"""), TestTimeout());
        await Client.StatefulSets().DeleteAsync("default", "b", cancellationToken: TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("d"), TestTimeout());

        await Eventually.WaitUntilAsync(() => informer.Get("default", "d") is not null && informer.Get("default", "b") is null, Timeout, "the cache converges");
        Assert.Equal(3, informer.Get("default", "a")!.Spec!.Replicas);
        Assert.Equal(Server.CurrentResourceVersion, informer.ResourceVersion);
        Assert.Equal(["added default/a", "added default/b", "added default/c", "updated default/a", "deleted default/b", "added default/d"], _log);
        Assert.Equal(2, Server.Requests.Count(r => r.Method == "GET" && !r.IsWatch)); // two pages of two
    }

    [Fact]
    public async Task Run_WatchDropped_WatchesAgainFromLastResourceVersionWithoutRelisting()
    {
        var informer = Start(Fast());
        await informer.WaitForSyncAsync(TestTimeout());
        await Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        await Eventually.WaitUntilAsync(() => informer.Get("default", "a") is not null, Timeout, "a is cached");
        var rv = informer.ResourceVersion;

        Server.DropWatches();
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("b"), TestTimeout());

        await Eventually.WaitUntilAsync(() => informer.Get("default", "b") is not null, Timeout, "b is cached after the reconnect");
        var watches = Server.Requests.Where(r => r.IsWatch).ToList();
        Assert.Equal(2, watches.Count);
        Assert.Contains($"resourceVersion={rv}", watches[1].Query, StringComparison.Ordinal);
        Assert.Single(Server.Requests, r => r.Method == "GET" && !r.IsWatch);
    }

    [Fact]
    public async Task Run_MalformedLineInWatch_KeepsWatching()
    {
        var informer = Start(Fast());
        await informer.WaitForSyncAsync(TestTimeout());
        await Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");

        Server.InjectWatchLine("garbage");
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());

        await Eventually.WaitUntilAsync(() => informer.Get("default", "a") is not null, Timeout, "a is cached");
        Assert.Single(Server.Requests, r => r.IsWatch);
    }

    [Fact]
    public async Task Run_ResourceVersionExpired_RelistsAndReportsWhatChangedMeanwhile()
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("b"), TestTimeout());
        var informer = Start(Fast());
        await informer.WaitForSyncAsync(TestTimeout());
        await Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");
        var rv = informer.ResourceVersion;

        // The watch ends and, before the informer watches again, more changes happen than the server's history keeps.
        Server.PauseWatches();
        Server.EndWatches();
        await Eventually.WaitUntilAsync(() => Server.PausedWatches == 1, Timeout, "the informer watches again");
        await Client.StatefulSets().DeleteAsync("default", "a", cancellationToken: TestTimeout());
        for (var i = 0; i < 4; i++)
        {
            await Client.StatefulSets().PatchAsync("default", "b", Obj($$$"""{"spec":{"replicas":{{{i + 2}}}}}"""), TestTimeout());
        }

        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("c"), TestTimeout());
        Server.ResumeWatches();

        await Eventually.WaitUntilAsync(() => informer.Get("default", "c") is not null && informer.Get("default", "a") is null, Timeout, "the cache converges after a relist");
        Assert.Equal(5, informer.Get("default", "b")!.Spec!.Replicas);
        Assert.Contains("deleted default/a", _log);
        Assert.Contains("updated default/b", _log);
        Assert.Contains("added default/c", _log);
        Assert.Equal(2, Server.Requests.Count(r => r.Method == "GET" && !r.IsWatch));
        Assert.Contains(Server.Requests, r => r.IsWatch && r.Query.Contains($"resourceVersion={rv}&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ApiErrors_RetriedWithBackoffUntilTheServerAnswers()
    {
        Server.FailNext(503, count: 3, method: "GET", pathContains: "statefulsets");
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());

        var informer = Start(Fast());

        await informer.WaitForSyncAsync(TestTimeout());
        Assert.NotNull(informer.Get("default", "a"));
        Assert.Equal(3, Server.Requests.Count(r => r.StatusCode == 503));
    }

    [Fact]
    public async Task Resync_RedeliversEveryCachedObjectAsUpdate()
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        var informer = Start(Fast(resync: TimeSpan.FromMilliseconds(50)));
        await informer.WaitForSyncAsync(TestTimeout());

        await Eventually.WaitUntilAsync(() => _log.Count(l => l == "updated default/a") >= 2, Timeout, "resync delivers a again");
    }

    [Fact]
    public async Task AddHandler_AfterSync_GetsCachedObjectsAsAdded()
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        var informer = new Informer<StatefulSet>(Client.StatefulSets(), Fast());
        _running = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync(TestTimeout());
        var late = new List<string>();

        informer.AddHandler(new InformerHandler<StatefulSet> { Added = s => late.Add(s.Metadata.Name!) });

        Assert.Equal(["a"], late);
    }

    [Fact]
    public void ObjectKey_SplitsAndJoins()
    {
        Assert.Equal("ns/n", ObjectKey.Of("ns", "n"));
        Assert.Equal("n", ObjectKey.Of(null, "n"));
        Assert.Equal(("ns", "n"), ObjectKey.Split("ns/n"));
        Assert.Equal((null, "n"), ObjectKey.Split("n"));
    }

    public override async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(Timeout);
        await base.DisposeAsync();
    }

    private Informer<StatefulSet> Start(InformerOptions options)
    {
        var informer = new Informer<StatefulSet>(Client.StatefulSets(), options);
        informer.AddHandler(new InformerHandler<StatefulSet>
        {
            Added = s => _log.Enqueue($"added {ObjectKey.Of(s)}"),
            Updated = (_, s) => _log.Enqueue($"updated {ObjectKey.Of(s)}"),
            Deleted = s => _log.Enqueue($"deleted {ObjectKey.Of(s)}"),
        });
        _running = informer.RunAsync(_stop.Token);
        return informer;
    }
}
