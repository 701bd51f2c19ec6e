using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MqttSource.Controller.Hosting;
using MqttSource.Controller.Resources;
using MqttSource.Controller.Runtime;
using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.Models;
using MqttSource.Testing;
using Xunit;

namespace MqttSource.Controller.Tests.Runtime;

/// <summary>The controller in-process against the fake API server: informers, queue, workers, leader election.</summary>
public sealed class ControllerHostTests : FakeCluster
{
    private readonly List<(ControllerHost Host, CancellationTokenSource Stop, Task Run)> _running = [];

    private (ControllerHost Host, CancellationTokenSource Stop, Task Run) Start(string identity)
    {
        var options = new ControllerOptions
        {
            AdapterImage = Image,
            Identity = identity,
            LeaseNamespace = "mqtt-source-system",
            Workers = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        };
        var host = new ControllerHost(Client, options);
        var stop = new CancellationTokenSource();
        var entry = (host, stop, host.RunAsync(stop.Token));
        _running.Add(entry);
        return entry;
    }

    public override async Task DisposeAsync()
    {
        foreach (var (_, stop, run) in _running)
        {
            await stop.CancelAsync();
            await run.WaitAsync(Timeout);
            stop.Dispose();
        }

        await base.DisposeAsync();
    }

    private async Task ApplyAsync(string name, JsonObject spec) =>
        await Client.MqttSources().CreateAsync(new MqttSourceResource { Metadata = new ObjectMeta { Name = name, Namespace = Ns }, Spec = spec });

    [Fact]
    public async Task Run_ApplySource_StatefulSetAppearsThenReadyWhenPodsAre()
    {
        var (host, _, _) = Start("controller-0");
        await Eventually.WaitUntilAsync(() => host.IsLeader && host.IsReady, Timeout, "the controller leads with synced caches");

        await ApplyAsync("telemetry", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry") is not null, Timeout, "the adapter StatefulSet exists");
        await Eventually.WaitUntilAsync(() => ConditionStatus("telemetry", "SinkProvided") == "True", Timeout, "the status says where events go");
        Assert.Equal("Unknown", ConditionStatus("telemetry", "Ready"));

        SetReadyReplicas("telemetry", 1);

        await Eventually.WaitUntilAsync(() => ConditionStatus("telemetry", "Ready") == "True", Timeout, "the source is Ready once its pods are");
        Assert.True(host.Metrics.Successes > 0);
        Assert.Contains("mqttsource_controller_reconcile_total{result=\"success\"}", host.Metrics.WritePrometheus(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SinkAppearsLater_RequeueWithBackoffPicksItUp()
    {
        var (host, _, _) = Start("controller-0");
        await ApplyAsync("telemetry", Spec("""{"ref":{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","name":"default"}}"""));
        await Eventually.WaitUntilAsync(() => Condition("telemetry", "SinkProvided")?["reason"]?.GetValue<string>() == "SinkNotFound", Timeout, "the missing broker is reported");

        SeedBroker("default", "http://broker-ingress.knative-eventing.svc.cluster.local/edge/default");

        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry") is not null, Timeout, "the requeued source finds its broker");
        Assert.True(host.Metrics.Requeues > 0);
    }

    [Fact]
    public async Task Run_StatefulSetDeletedByHand_RecreatedFromTheWatch()
    {
        var (host, _, _) = Start("controller-0");
        await ApplyAsync("telemetry", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry") is not null, Timeout, "the adapter StatefulSet exists");
        var uid = StatefulSet("telemetry")!["metadata"]!["uid"]!.GetValue<string>();

        await Client.StatefulSets().DeleteAsync(Ns, "mqttsource-telemetry");

        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry")?["metadata"]?["uid"]?.GetValue<string>() is { } now && now != uid, Timeout, "a new StatefulSet replaces the deleted one");
        Assert.True(host.IsLeader);
    }

    [Fact]
    public async Task Run_TwoControllers_OneLeadsThenTheOtherTakesOver()
    {
        var a = Start("controller-a");
        var b = Start("controller-b");
        await Eventually.WaitUntilAsync(() => a.Host.IsLeader || b.Host.IsLeader, Timeout, "one controller leads");
        var (leader, standby) = a.Host.IsLeader ? (a, b) : (b, a);
        Assert.False(standby.Host.IsLeader);
        Assert.True(standby.Host.IsReady);

        await ApplyAsync("first", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("first") is not null, Timeout, "the leader reconciles");
        Assert.False(standby.Host.IsLeader);

        await leader.Stop.CancelAsync();
        await leader.Run.WaitAsync(Timeout);
        await Eventually.WaitUntilAsync(() => standby.Host.IsLeader, Timeout, "the standby takes over the released lease");
        await ApplyAsync("second", Spec());

        await Eventually.WaitUntilAsync(() => StatefulSet("second") is not null, Timeout, "the new leader reconciles");
        var lease = Server.Get("coordination.k8s.io", "leases", "mqtt-source-system", "mqtt-source-controller")!;
        Assert.Equal(standby == a ? "controller-a" : "controller-b", lease["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Single(Server.List("apps", "statefulsets"), s => s["metadata"]!["name"]!.GetValue<string>() == "mqttsource-first");
    }

    [Fact]
    public async Task Endpoints_HealthReadinessMetrics()
    {
        var (host, _, _) = Start("controller-0");
        await Eventually.WaitUntilAsync(() => host.IsLeader && host.IsReady, Timeout, "the controller leads with synced caches");

        Assert.Equal((200, "ok\n"), await GetAsync(host, "/health"));
        Assert.Equal((200, "ready\n"), await GetAsync(host, "/readiness"));
        var (code, metrics) = await GetAsync(host, "/metrics");
        Assert.Equal(200, code);
        Assert.Contains("mqttsource_controller_workqueue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("mqttsource_controller_leader 1", metrics, StringComparison.Ordinal);
        Assert.Equal(404, (await GetAsync(host, "/nope")).Code);
    }

    private static async Task<(int Code, string Body)> GetAsync(ControllerHost host, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        using var body = new MemoryStream();
        context.Response.Body = body;
        await ControllerEndpoints.HandleAsync(context, host);
        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
