using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Logging;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Hosting;
using MqttSource.Controller.Reconciler;
using MqttSource.Controller.Runtime;
using MqttSource.Testing;
using Xunit;

namespace MqttSource.Controller.Tests.Runtime;

/// <summary>
/// The controller end to end, in-process against the fake API server (real HTTP, resourceVersions, 404/409, watch
/// streams, the status subresource): informers, tracker, queue, workers, leader election. Every wait is for a condition.
/// </summary>
public sealed class ControllerHostTests : FakeCluster
{
    private readonly List<(ControllerHost Host, CancellationTokenSource Stop, Task Run)> _running = [];

    private (ControllerHost Host, CancellationTokenSource Stop, Task Run) Start(string identity = "controller-0")
    {
        var options = new ControllerOptions
        {
            AdapterImage = Image,
            Identity = identity,
            SystemNamespace = "mqtt-source-system",
            Workers = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            // Long leases: a busy machine cannot lose one by accident; handover on shutdown is by release.
            LeaseDuration = TimeSpan.FromSeconds(60),
            RenewDeadline = TimeSpan.FromSeconds(40),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        };
        var host = new ControllerHost(Client, options);
        var stop = new CancellationTokenSource();
        var entry = (host, stop, host.RunAsync(stop.Token));
        _running.Add(entry);
        return entry;
    }

    private async Task<ControllerHost> StartReadyAsync()
    {
        var (host, _, _) = Start();
        await Eventually.WaitUntilAsync(() => host.IsLeader && host.IsReady, Timeout, "the controller leads with synced caches");
        return host;
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

    [Fact]
    public async Task Run_ApplySource_ServiceAndStatefulSetAppear_ReadyOnlyWhenTheRolloutCompletes()
    {
        var host = await StartReadyAsync();

        await ApplyAsync("telemetry", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry") is not null && Service("telemetry") is not null, Timeout, "the adapter StatefulSet and its headless Service exist");
        await Eventually.WaitUntilAsync(() => ConditionStatus("telemetry", "SinkProvided") == "True", Timeout, "the status says where events go");
        Assert.Equal("None", Service("telemetry")!["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.Equal(StatefulSet("telemetry")!["spec"]!["serviceName"]!.GetValue<string>(), Service("telemetry")!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(Rollout.RollingOut, ConditionReason("telemetry", "Deployed"));

        CompleteRollout("telemetry", 1);

        await Eventually.WaitUntilAsync(() => ConditionStatus("telemetry", "Ready") == "True", Timeout, "the source is Ready once its pods are");
        Assert.True(host.Metrics.Successes > 0);

        // A spec change starts a rollout: the old pods are ready, yet the new template is not running: not Deployed.
        await UpdateSpecAsync("telemetry", Spec(topics: """[{"filter":"sensors/#"}]"""));
        await Eventually.WaitUntilAsync(() => ConditionReason("telemetry", "Deployed") == Rollout.RollingOut, Timeout, "Deployed follows the rollout");
        Assert.Equal("Unknown", ConditionStatus("telemetry", "Ready"));
        CompleteRollout("telemetry", 1);
        await Eventually.WaitUntilAsync(() => ConditionStatus("telemetry", "Ready") == "True", Timeout, "Ready again when the rollout completes");
    }

    [Fact]
    public async Task Run_BrokerAddressChanges_KSinkFollowsWithinSeconds()
    {
        await StartReadyAsync();
        SeedBroker("default", "http://broker-ingress.knative-eventing.svc.cluster.local/edge/default");
        await ApplyAsync("telemetry", Spec("""{"ref":{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","name":"default"}}"""));
        await Eventually.WaitUntilAsync(() => Env(StatefulSet("telemetry"), "K_SINK") == "http://broker-ingress.knative-eventing.svc.cluster.local/edge/default", Timeout, "the adapter gets the broker's address");

        SeedBroker("default", "https://broker-ingress.knative-eventing.svc.cluster.local/edge/default", audience: "broker-aud");

        // The resync is 10 minutes and nothing is requeued: only the tracker's informer on Brokers can bring this.
        await Eventually.WaitUntilAsync(() => Env(StatefulSet("telemetry"), "K_SINK") == "https://broker-ingress.knative-eventing.svc.cluster.local/edge/default", TimeSpan.FromSeconds(10), "K_SINK follows the broker's new address");
        Assert.Equal("broker-aud", Env(StatefulSet("telemetry"), "K_AUDIENCE"));
        await Eventually.WaitUntilAsync(() => Source("telemetry")?["status"]?["sinkAudience"]?.GetValue<string>() == "broker-aud", Timeout, "the status follows too");
    }

    [Fact]
    public async Task Run_SinkAppearsLater_TrackedAndPickedUp()
    {
        var host = await StartReadyAsync();
        await ApplyAsync("telemetry", Spec("""{"ref":{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","name":"default"}}"""));
        await Eventually.WaitUntilAsync(() => ConditionReason("telemetry", "SinkProvided") == "SinkNotFound", Timeout, "the missing broker is reported");
        await Eventually.WaitUntilAsync(() => host.TrackedKinds.Contains("eventing.knative.dev/v1|Broker"), Timeout, "Brokers are watched");

        SeedBroker("default", "http://broker-ingress.knative-eventing.svc.cluster.local/edge/default");

        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry") is not null, Timeout, "the source finds its broker");
    }

    [Fact]
    public async Task Run_HandEdits_PutBack()
    {
        await StartReadyAsync();
        await ApplyAsync("telemetry", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry") is not null, Timeout, "the adapter StatefulSet exists");

        // kubectl scale statefulset … --replicas=3, a new image, an env value, extra args, in one hand edit.
        var set = StatefulSet("telemetry")!;
        set["spec"]!["replicas"] = 3;
        var container = set["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["image"] = "someone/else:latest";
        container["args"] = new JsonArray("--log-level", "trace");
        container["env"]!.AsArray().OfType<JsonObject>().Single(e => e["name"]!.GetValue<string>() == "K_SINK")["value"] = "http://elsewhere/";
        set["metadata"]!["labels"]!["team"] = "ops";
        set["metadata"]!["ownerReferences"]!.AsArray().Add(JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Tracker","name":"t","uid":"foreign-uid"}"""));
        Server.Upsert("apps", "v1", "statefulsets", set);

        await Eventually.WaitUntilAsync(
            () => StatefulSet("telemetry") is { } now && now["spec"]!["replicas"]!.GetValue<int>() == 1
                && now["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == Image
                && now["spec"]!["template"]!["spec"]!["containers"]![0]!["args"] is null
                && Env(now, "K_SINK") == "http://display.edge.svc.cluster.local/",
            Timeout,
            "the controller puts its fields back");
        Assert.Equal("ops", StatefulSet("telemetry")!["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Contains(StatefulSet("telemetry")!["metadata"]!["ownerReferences"]!.AsArray(), o => o!["uid"]!.GetValue<string>() == "foreign-uid");
        await Eventually.WaitUntilAsync(() => Events().Any(e => e["reason"]!.GetValue<string>() == "StatefulSetUpdated"), Timeout, "an Event says so");
    }

    [Fact]
    public async Task Run_ShutdownGraceChanged_PodGracePeriodFollows()
    {
        await StartReadyAsync();
        await ApplyAsync("telemetry", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry") is not null, Timeout, "the adapter StatefulSet exists");
        Assert.Equal(AdapterOverrides.DefaultShutdownGraceSeconds + AdapterOverrides.TerminationMarginSeconds, GracePeriod());

        var spec = Spec();
        spec["adapter"] = JsonNode.Parse("""{"env":[{"name":"SHUTDOWN_GRACE_SECONDS","value":"90"}]}""");
        await UpdateSpecAsync("telemetry", spec);

        await Eventually.WaitUntilAsync(() => GracePeriod() == 90 + AdapterOverrides.TerminationMarginSeconds, Timeout, "the pods get the adapter's grace and a margin");
        Assert.Equal("90", Env(StatefulSet("telemetry"), "SHUTDOWN_GRACE_SECONDS"));
    }

    private long? GracePeriod() => StatefulSet("telemetry")?["spec"]?["template"]?["spec"]?["terminationGracePeriodSeconds"]?.GetValue<long>();

    [Fact]
    public async Task Run_ChildrenDeletedByHand_Recreated()
    {
        await StartReadyAsync();
        await ApplyAsync("telemetry", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry") is not null && Service("telemetry") is not null, Timeout, "the children exist");
        var setUid = StatefulSet("telemetry")!["metadata"]!["uid"]!.GetValue<string>();
        var serviceUid = Service("telemetry")!["metadata"]!["uid"]!.GetValue<string>();

        await Client.AppsV1.DeleteNamespacedStatefulSetAsync("mqttsource-telemetry", Ns);
        await Client.CoreV1.DeleteNamespacedServiceAsync("mqttsource-telemetry", Ns);

        await Eventually.WaitUntilAsync(
            () => StatefulSet("telemetry")?["metadata"]?["uid"]?.GetValue<string>() is { } a && a != setUid
                && Service("telemetry")?["metadata"]?["uid"]?.GetValue<string>() is { } b && b != serviceUid,
            Timeout,
            "new children replace the deleted ones");
    }

    [Fact]
    public async Task Run_OidcFeatureTurnedOn_SourceGetsItsOwnServiceAccount_OffAgain_Default()
    {
        await StartReadyAsync();
        await ApplyAsync("telemetry", Spec());
        await Eventually.WaitUntilAsync(() => ConditionStatus("telemetry", "SinkProvided") == "True", Timeout, "reconciled");
        Assert.Null(Source("telemetry")!["status"]!["auth"]);

        SeedConfigMap(ConfigMapNames.KnativeEventingNamespace, ConfigMapNames.Features, (ConfigMapNames.OidcFeature, "enabled"));

        var account = OidcIdentity.NameFor("telemetry");
        await Eventually.WaitUntilAsync(() => Source("telemetry")?["status"]?["auth"]?["serviceAccountName"]?.GetValue<string>() == account, Timeout, "status.auth names the source's identity");
        Assert.Equal("telemetry-oidc-sources.knative.dev-mqttsource", account);
        var created = Server.Get(string.Empty, "serviceaccounts", Ns, account)!;
        Assert.Equal(Source("telemetry")!["metadata"]!["uid"]!.GetValue<string>(), created["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry")?["spec"]?["template"]?["spec"]?["serviceAccountName"]?.GetValue<string>() == account, Timeout, "the adapter runs under it");

        SeedConfigMap(ConfigMapNames.KnativeEventingNamespace, ConfigMapNames.Features, (ConfigMapNames.OidcFeature, "disabled"));

        await Eventually.WaitUntilAsync(() => Source("telemetry")?["status"]?["auth"] is null && StatefulSet("telemetry")?["spec"]?["template"]?["spec"]?["serviceAccountName"] is null, Timeout, "back to the namespace's default");
    }

    [Fact]
    public async Task Run_LoggingConfigChanges_AdaptersAndControllerFollow()
    {
        var host = await StartReadyAsync();
        await ApplyAsync("telemetry", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("telemetry") is not null, Timeout, "the adapter StatefulSet exists");
        Assert.Null(Env(StatefulSet("telemetry"), "K_LOGGING_CONFIG"));

        SeedConfigMap("mqtt-source-system", ConfigMapNames.Logging, (ConfigMapNames.AdapterLevelKey, "debug"), (ConfigMapNames.ControllerLevelKey, "warn"), ("_example", "ignored"));
        SeedConfigMap("mqtt-source-system", ConfigMapNames.Observability, ("metrics-protocol", "prometheus"));

        await Eventually.WaitUntilAsync(
            () => Env(StatefulSet("telemetry"), "K_LOGGING_CONFIG") is { } json && JsonNode.Parse(json)![ConfigMapNames.AdapterLevelKey]?.GetValue<string>() == "debug",
            Timeout,
            "the adapter gets the new level (a rollout)");
        await Eventually.WaitUntilAsync(() => Env(StatefulSet("telemetry"), "K_OBSERVABILITY_CONFIG") == """{"metrics-protocol":"prometheus"}""", Timeout, "and the observability config");
        Assert.DoesNotContain("_example", Env(StatefulSet("telemetry"), "K_LOGGING_CONFIG")!, StringComparison.Ordinal);
        await Eventually.WaitUntilAsync(() => host.LogLevel.Level == LogLevel.Warning, Timeout, "the controller's own level follows");

        // A typo does not stop the adapters (they refuse unknown levels): the key is left out and the default applies.
        SeedConfigMap("mqtt-source-system", ConfigMapNames.Logging, (ConfigMapNames.AdapterLevelKey, "verbose"));
        await Eventually.WaitUntilAsync(() => Env(StatefulSet("telemetry"), "K_LOGGING_CONFIG") == "{}", Timeout, "the bad level is left out");
        Assert.Contains(host.Config.Observability.Problems, p => p.Contains("verbose", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WatchHistoryCompacted_RelistsAndKeepsReconciling()
    {
        await StartReadyAsync();
        await ApplyAsync("first", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("first") is not null, Timeout, "first is reconciled");

        Server.CompactHistory();
        Server.DropWatches();
        await ApplyAsync("second", Spec());

        await Eventually.WaitUntilAsync(() => StatefulSet("second") is not null, Timeout, "second is reconciled after the relist");
    }

    [Fact]
    public async Task Run_TwoControllers_OneLeads_TheStandbyTakesOverWhenItStops()
    {
        var a = Start("controller-a");
        var b = Start("controller-b");
        await Eventually.WaitUntilAsync(() => a.Host.IsLeader || b.Host.IsLeader, Timeout, "one controller leads");
        var (leader, standby) = a.Host.IsLeader ? (a, b) : (b, a);
        Assert.True(standby.Host.IsReady);

        await ApplyAsync("first", Spec());
        await Eventually.WaitUntilAsync(() => StatefulSet("first") is not null, Timeout, "the leader reconciles");
        Assert.False(standby.Host.IsLeader);

        await leader.Stop.CancelAsync();
        await leader.Run.WaitAsync(Timeout);
        await Eventually.WaitUntilAsync(() => standby.Host.IsLeader, Timeout, "the standby takes over the released lease (60 s leases: only the release allows this)");
        await ApplyAsync("second", Spec());

        await Eventually.WaitUntilAsync(() => StatefulSet("second") is not null, Timeout, "the new leader reconciles");
        var lease = Server.Get("coordination.k8s.io", "leases", "mqtt-source-system", "mqtt-source-controller")!;
        Assert.Equal(standby == a ? "controller-a" : "controller-b", lease["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Single(Server.List("apps", "statefulsets"), s => s["metadata"]!["name"]!.GetValue<string>() == "mqttsource-first");
    }

    [Fact]
    public async Task Endpoints_HealthReadinessMetrics()
    {
        var host = await StartReadyAsync();

        Assert.Equal((200, "ok\n"), await GetAsync(host, "/health"));
        Assert.Equal((200, "ready\n"), await GetAsync(host, "/readiness"));
        var (code, metrics) = await GetAsync(host, "/metrics");
        Assert.Equal(200, code);
        Assert.Contains("mqttsource_controller_workqueue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("mqttsource_controller_leader 1", metrics, StringComparison.Ordinal);
        Assert.Equal(404, (await GetAsync(host, "/nope")).Code);
    }

    private static Task<(int Code, string Body)> GetAsync(ControllerHost host, string path)
    {
        var response = ControllerEndpoints.Handle(path, host);
        return Task.FromResult((response.Status, response.Body));
    }
}
