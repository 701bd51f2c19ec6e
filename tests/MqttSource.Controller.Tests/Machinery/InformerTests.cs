using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using MqttSource.Controller.Machinery;
using MqttSource.Testing;
using MqttSource.Testing.Kubernetes;
using Xunit;

namespace MqttSource.Controller.Tests.Machinery;

/// <summary>Our informer on KubernetesClient's list and watch, against the fake API server's real HTTP streams.</summary>
public sealed class InformerTests : FakeCluster
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    protected override FakeApiServerOptions ServerOptions => new() { HistoryLimit = 3 };

    private static InformerOptions Fast(TimeSpan? resync = null) =>
        new() { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200), ResyncPeriod = resync, PageSize = 2 };

    [Fact]
    public async Task Run_ListsThenWatches_CacheConvergesAndHandlersSeeEveryChange()
    {
        await CreateAsync(TestObjects.StatefulSet("a"));
        await CreateAsync(TestObjects.StatefulSet("b"));
        await CreateAsync(TestObjects.StatefulSet("c"));
        var informer = Start(Fast());
        await informer.WaitForSyncAsync().WaitAsync(Timeout);
        Assert.Equal(["a", "b", "c"], informer.List().Select(s => s.Metadata.Name).Order());

        await ScaleAsync("a", 3);
        await Client.AppsV1.DeleteNamespacedStatefulSetAsync("b", "default");
        await CreateAsync(TestObjects.StatefulSet("d"));

        await Eventually.WaitUntilAsync(() => informer.Get("default", "d") is not null && informer.Get("default", "b") is null, Timeout, "the cache converges");
        Assert.Equal(3, informer.Get("default", "a")!.Spec!.Replicas);
        Assert.Equal(Server.CurrentResourceVersion, informer.ResourceVersion);
        Assert.Equal(["added default/a", "added default/b", "added default/c", "updated default/a", "deleted default/b", "added default/d"], _log);
        Assert.Equal(2, Server.Requests.Count(r => IsList(r))); // two pages of two
    }

    [Fact]
    public async Task Run_WatchDropped_WatchesAgainFromLastResourceVersionWithoutRelisting()
    {
        var informer = Start(Fast());
        await informer.WaitForSyncAsync().WaitAsync(Timeout);
        await Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");
        await CreateAsync(TestObjects.StatefulSet("a"));
        await Eventually.WaitUntilAsync(() => informer.Get("default", "a") is not null, Timeout, "a is cached");
        var rv = informer.ResourceVersion;

        Server.DropWatches();
        await CreateAsync(TestObjects.StatefulSet("b"));

        await Eventually.WaitUntilAsync(() => informer.Get("default", "b") is not null, Timeout, "b is cached after the reconnect");
        var watches = Server.Requests.Where(r => r.IsWatch).ToList();
        Assert.Equal(2, watches.Count);
        Assert.Contains($"resourceVersion={rv}", watches[1].Query, StringComparison.Ordinal);
        Assert.Single(Server.Requests, r => IsList(r));
    }

    [Fact]
    public async Task Run_MalformedLineInWatch_RelistsAndLosesNothing()
    {
        var informer = Start(Fast());
        await informer.WaitForSyncAsync().WaitAsync(Timeout);
        await Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");
        await CreateAsync(TestObjects.StatefulSet("a"));
        await Eventually.WaitUntilAsync(() => informer.Get("default", "a") is not null, Timeout, "a is cached");

        Server.InjectWatchLine("garbage");
        await CreateAsync(TestObjects.StatefulSet("b"));

        await Eventually.WaitUntilAsync(() => informer.Get("default", "b") is not null, Timeout, "b is cached");
        await Eventually.WaitUntilAsync(() => Server.Requests.Count(r => IsList(r)) >= 2, Timeout, "the informer relisted after the unreadable line");
        Assert.NotNull(informer.Get("default", "a"));
    }

    [Fact]
    public async Task Run_ErrorEvent410InWatch_RelistsAtOnce()
    {
        var informer = Start(Fast());
        await informer.WaitForSyncAsync().WaitAsync(Timeout);
        await Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");

        Server.InjectWatchLine("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2)","reason":"Expired","code":410}}""");
        await CreateAsync(TestObjects.StatefulSet("a"));

        await Eventually.WaitUntilAsync(() => informer.Get("default", "a") is not null, Timeout, "a is cached");
        await Eventually.WaitUntilAsync(() => Server.Requests.Count(r => IsList(r)) >= 2, Timeout, "the informer relisted");
    }

    [Fact]
    public async Task Run_ResourceVersionExpired_RelistsAndReportsWhatChangedMeanwhile()
    {
        await CreateAsync(TestObjects.StatefulSet("a"));
        await CreateAsync(TestObjects.StatefulSet("b"));
        var informer = Start(Fast());
        await informer.WaitForSyncAsync().WaitAsync(Timeout);
        await Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");
        var rv = informer.ResourceVersion;

        // The watch ends and, before the informer watches again, more changes happen than the server's history keeps.
        Server.PauseWatches();
        Server.EndWatches();
        await Eventually.WaitUntilAsync(() => Server.PausedWatches == 1, Timeout, "the informer watches again");
        await Client.AppsV1.DeleteNamespacedStatefulSetAsync("a", "default");
        for (var i = 0; i < 4; i++)
        {
            await ScaleAsync("b", i + 2);
        }

        await CreateAsync(TestObjects.StatefulSet("c"));
        Server.ResumeWatches();

        await Eventually.WaitUntilAsync(() => informer.Get("default", "c") is not null && informer.Get("default", "a") is null, Timeout, "the cache converges after a relist");
        Assert.Equal(5, informer.Get("default", "b")!.Spec!.Replicas);
        Assert.Contains("deleted default/a", _log);
        Assert.Contains("updated default/b", _log);
        Assert.Contains("added default/c", _log);
        Assert.Equal(2, Server.Requests.Count(r => IsList(r)));
        Assert.Contains(Server.Requests, r => r.IsWatch && r.Query.Contains($"resourceVersion={rv}&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ApiErrors_RetriedWithBackoffUntilTheServerAnswers()
    {
        Server.FailNext(503, count: 3, method: "GET", pathContains: "statefulsets");
        await CreateAsync(TestObjects.StatefulSet("a"));

        var informer = Start(Fast());

        await informer.WaitForSyncAsync().WaitAsync(Timeout);
        Assert.NotNull(informer.Get("default", "a"));
        Assert.Equal(3, Server.Requests.Count(r => r.StatusCode == 503));
    }

    [Fact]
    public async Task Resync_RedeliversEveryCachedObjectAsUpdate()
    {
        await CreateAsync(TestObjects.StatefulSet("a"));
        var informer = Start(Fast(resync: TimeSpan.FromMilliseconds(50)));
        await informer.WaitForSyncAsync().WaitAsync(Timeout);

        await Eventually.WaitUntilAsync(() => _log.Count(l => l == "updated default/a") >= 2, Timeout, "resync delivers a again");
    }

    [Fact]
    public async Task AddHandler_AfterSync_GetsCachedObjectsAsAdded()
    {
        await CreateAsync(TestObjects.StatefulSet("a"));
        var informer = new Informer<V1StatefulSet>(Source(), Fast());
        _running = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync().WaitAsync(Timeout);
        var late = new List<string>();

        informer.AddHandler(new InformerHandler<V1StatefulSet> { Added = s => late.Add(s.Metadata.Name!) });

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

    private static bool IsList(RecordedRequest request) =>
        request.Method == "GET" && !request.IsWatch && request.Path.EndsWith("/statefulsets", StringComparison.Ordinal);

    private ListWatch<V1StatefulSet> Source() => ListWatches.StatefulSets(Client, "test=informer");

    private Task CreateAsync(V1StatefulSet set) => Client.AppsV1.CreateNamespacedStatefulSetAsync(set, "default");

    private async Task ScaleAsync(string name, int replicas)
    {
        var set = await Client.AppsV1.ReadNamespacedStatefulSetAsync(name, "default");
        set.Spec.Replicas = replicas;
        await Client.AppsV1.ReplaceNamespacedStatefulSetAsync(set, name, "default");
    }

    private Informer<V1StatefulSet> Start(InformerOptions options)
    {
        var informer = new Informer<V1StatefulSet>(Source(), options);
        informer.AddHandler(new InformerHandler<V1StatefulSet>
        {
            Added = s => _log.Enqueue($"added {ObjectKey.Of(s)}"),
            Updated = (_, s) => _log.Enqueue($"updated {ObjectKey.Of(s)}"),
            Deleted = s => _log.Enqueue($"deleted {ObjectKey.Of(s)}"),
        });
        _running = informer.RunAsync(_stop.Token);
        return informer;
    }
}
