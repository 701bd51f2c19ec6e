using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Reconciler;
using Xunit;

namespace MqttSource.Controller.Tests.Reconciler;

/// <summary>Given objects in the fake API server → reconcile → the creates, updates, status and events wanted.</summary>
public sealed class MqttSourceReconcilerTests : FakeCluster
{
    private readonly ConfigStore _config = new();

    private MqttSourceReconciler Reconciler => new(Client, new ReconcilerOptions { AdapterImage = Image, Instance = "test-0" }, _config, timeProvider: Time);

    private Task<ReconcileResult> ReconcileAsync(string name = "telemetry") => Reconciler.ReconcileAsync(Ns, name, CancellationToken.None);

    [Fact]
    public async Task Reconcile_NewSourceWithUriSink_CreatesStatefulSetAndWritesStatus()
    {
        SeedSource("telemetry", Spec());

        var result = await ReconcileAsync();

        Assert.False(result.Requeue);
        var set = StatefulSet("telemetry");
        Assert.NotNull(set);
        Assert.Equal(Image, set["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("http://display.edge.svc.cluster.local/", Env(set, "K_SINK"));
        var writes = Writes();
        Assert.Contains(writes, r => r.Method == "POST" && r.Path.EndsWith("/statefulsets", StringComparison.Ordinal));
        Assert.Contains(writes, r => r.Method == "PUT" && r.Path.EndsWith("/mqttsources/telemetry/status", StringComparison.Ordinal));
        Assert.DoesNotContain(writes, r => r.Method == "PATCH");
        var status = Source("telemetry")!["status"]!;
        Assert.Equal(1, status["observedGeneration"]!.GetValue<long>());
        Assert.Equal("http://display.edge.svc.cluster.local/", status["sinkUri"]!.GetValue<string>());
        Assert.Equal("com.example.temperature", status["ceAttributes"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("/apis/v1/namespaces/edge/mqttsources/telemetry", status["ceAttributes"]![0]!["source"]!.GetValue<string>());
        Assert.Equal("True", ConditionStatus("telemetry", "Valid"));
        Assert.Equal("True", ConditionStatus("telemetry", "SinkProvided"));
        Assert.Equal("Unknown", ConditionStatus("telemetry", "Deployed"));
        Assert.Equal(Rollout.RollingOut, Condition("telemetry", "Ready")!["reason"]!.GetValue<string>());
        Assert.Contains(Events(), e => e["reason"]!.GetValue<string>() == "StatefulSetCreated" && e["type"]!.GetValue<string>() == "Normal");
    }

    [Fact]
    public async Task Reconcile_AdapterPodsReady_MarksDeployedAndReady()
    {
        SeedSource("telemetry", Spec());
        await ReconcileAsync();
        CompleteRollout("telemetry", 1);

        await ReconcileAsync();

        Assert.Equal("True", ConditionStatus("telemetry", "Deployed"));
        Assert.Equal("True", ConditionStatus("telemetry", "Ready"));
        Assert.Contains(Events(), e => e["reason"]!.GetValue<string>() == "Ready");
    }

    [Fact]
    public async Task Reconcile_SinkBrokerNotFound_SinkProvidedFalseAndRequeues()
    {
        SeedSource("telemetry", Spec("""{"ref":{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","name":"default"}}"""));

        var result = await ReconcileAsync();

        Assert.True(result.Requeue);
        Assert.Null(StatefulSet("telemetry"));
        var sink = Condition("telemetry", "SinkProvided")!;
        Assert.Equal("False", sink["status"]!.GetValue<string>());
        Assert.Equal("SinkNotFound", sink["reason"]!.GetValue<string>());
        Assert.Contains("Broker \"default\"", sink["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("False", ConditionStatus("telemetry", "Ready"));
        Assert.Null(Source("telemetry")!["status"]!["sinkUri"]);
        Assert.Contains(Events(), e => e["reason"]!.GetValue<string>() == "SinkNotFound" && e["type"]!.GetValue<string>() == "Warning");
        Assert.Contains(Server.Requests, r => r.Method == "GET" && r.Path == "/apis/eventing.knative.dev/v1/namespaces/edge/brokers/default");
    }

    [Fact]
    public async Task Reconcile_SinkNotAddressableYet_ThenReady_CreatesAdapterWithBrokerUrl()
    {
        SeedBroker("default", url: null);
        SeedSource("telemetry", Spec("""{"ref":{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","name":"default"}}"""));

        var first = await ReconcileAsync();

        Assert.True(first.Requeue);
        Assert.Equal("SinkNotAddressable", Condition("telemetry", "SinkProvided")!["reason"]!.GetValue<string>());
        Assert.Null(StatefulSet("telemetry"));

        SeedBroker("default", "http://broker-ingress.knative-eventing.svc.cluster.local/edge/default");
        var second = await ReconcileAsync();

        Assert.False(second.Requeue);
        Assert.Equal("True", ConditionStatus("telemetry", "SinkProvided"));
        Assert.Equal("http://broker-ingress.knative-eventing.svc.cluster.local/edge/default", Source("telemetry")!["status"]!["sinkUri"]!.GetValue<string>());
        Assert.Equal("http://broker-ingress.knative-eventing.svc.cluster.local/edge/default", Env(StatefulSet("telemetry"), "K_SINK"));
    }

    [Fact]
    public async Task Reconcile_AddressableWithCACertsAndAudience_PassesThemOn()
    {
        Server.Upsert("serving.knative.dev", "v1", "services", Obj("""
            {"apiVersion":"serving.knative.dev/v1","kind":"Service","metadata":{"name":"display","namespace":"edge"},
             "status":{"address":{"url":"https://display.edge.svc.cluster.local","CACerts":"-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----","audience":"display-aud"}}}
            """));
        SeedSource("telemetry", Spec("""{"ref":{"apiVersion":"serving.knative.dev/v1","kind":"Service","name":"display"},"uri":"/extra"}"""));

        await ReconcileAsync();

        var status = Source("telemetry")!["status"]!;
        Assert.Equal("https://display.edge.svc.cluster.local/extra", status["sinkUri"]!.GetValue<string>());
        Assert.Equal("display-aud", status["sinkAudience"]!.GetValue<string>());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", status["sinkCACerts"]!.GetValue<string>(), StringComparison.Ordinal);
        var set = StatefulSet("telemetry")!;
        Assert.Equal("display-aud", Env(set, "K_AUDIENCE"));
        Assert.Equal(ReceiveAdapter.TokenFile, Env(set, "K_OIDC_TOKEN_FILE"));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", Env(set, "K_CA_CERTS"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ref":{"apiVersion":"v1","kind":"Service","name":"display"}}""", "http://display.edge.svc.cluster.local/")]
    [InlineData("""{"ref":{"apiVersion":"v1","kind":"Service","name":"display"},"uri":"/events?x=1"}""", "http://display.edge.svc.cluster.local/events?x=1")]
    [InlineData("""{"ref":{"apiVersion":"v1","kind":"Service","name":"display","namespace":"other"}}""", "http://display.other.svc.cluster.local/")]
    [InlineData("""{"uri":"https://sink.example.com:8443/in"}""", "https://sink.example.com:8443/in")]
    public async Task Reconcile_ServiceOrUriSink_ResolvesAsKnativeDoes(string sink, string expected)
    {
        foreach (var ns in new[] { "edge", "other" })
        {
            Server.Upsert(string.Empty, "v1", "services", Obj($$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"display","namespace":"{{{ns}}}"},"spec":{"ports":[{"port":80}]}}"""));
        }

        SeedSource("telemetry", Spec(sink));

        await ReconcileAsync();

        Assert.Equal(expected, Source("telemetry")!["status"]!["sinkUri"]!.GetValue<string>());
        Assert.Equal(expected, Env(StatefulSet("telemetry"), "K_SINK"));
    }

    [Fact]
    public async Task Reconcile_CoreServiceMissing_SinkNotFound()
    {
        SeedSource("telemetry", Spec("""{"ref":{"apiVersion":"v1","kind":"Service","name":"nothing"}}"""));

        var result = await ReconcileAsync();

        Assert.True(result.Requeue);
        Assert.Equal("SinkNotFound", Condition("telemetry", "SinkProvided")!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_DeadLetterSink_ResolvedIntoEnv()
    {
        SeedBroker("dlq", "http://broker-ingress.knative-eventing.svc.cluster.local/edge/dlq");
        var spec = Spec();
        spec["delivery"] = Obj("""{"deadLetterSink":{"ref":{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","name":"dlq"}}}""");
        SeedSource("telemetry", spec);

        await ReconcileAsync();

        Assert.Equal("http://broker-ingress.knative-eventing.svc.cluster.local/edge/dlq", Env(StatefulSet("telemetry"), "K_DEAD_LETTER_SINK"));
    }

    [Fact]
    public async Task Reconcile_DeadLetterSinkMissing_SinkProvidedFalseNamesIt()
    {
        var spec = Spec();
        spec["delivery"] = Obj("""{"deadLetterSink":{"ref":{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","name":"dlq"}}}""");
        SeedSource("telemetry", spec);

        var result = await ReconcileAsync();

        Assert.True(result.Requeue);
        var condition = Condition("telemetry", "SinkProvided")!;
        Assert.Equal("DeadLetterSinkNotFound", condition["reason"]!.GetValue<string>());
        Assert.Contains("spec.delivery.deadLetterSink", condition["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_SpecChanged_RollsStatefulSetAndBumpsObservedGeneration()
    {
        SeedSource("telemetry", Spec());
        await ReconcileAsync();
        var before = StatefulSet("telemetry")!;
        await UpdateSpecAsync("telemetry", Spec(topics: """[{"filter":"sensors/#","qos":2}]"""));
        Server.ClearRequests();

        await ReconcileAsync();

        var after = StatefulSet("telemetry")!;
        Assert.Contains(Writes(), r => r.Method == "PUT" && r.Path.EndsWith("/statefulsets/mqttsource-telemetry", StringComparison.Ordinal));
        Assert.Contains("sensors/#", Env(after, "MQTT_SOURCE_SPEC"), StringComparison.Ordinal);
        Assert.NotEqual(Env(before, "MQTT_SOURCE_SPEC"), Env(after, "MQTT_SOURCE_SPEC"));
        Assert.Equal(before["metadata"]!["uid"]!.GetValue<string>(), after["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(2, Source("telemetry")!["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal("dev.knative.mqtt.event", Source("telemetry")!["status"]!["ceAttributes"]![0]!["type"]!.GetValue<string>());
        Assert.Contains(Events(), e => e["reason"]!.GetValue<string>() == "StatefulSetUpdated");
    }

    [Fact]
    public async Task Reconcile_NothingChanged_WritesNothing()
    {
        SeedSource("telemetry", Spec());
        await ReconcileAsync();
        CompleteRollout("telemetry", 1);
        await ReconcileAsync();
        Server.ClearRequests();
        Time.Advance(TimeSpan.FromMinutes(5));

        var result = await ReconcileAsync();
        await ReconcileAsync();

        Assert.False(result.Requeue);
        Assert.Empty(Writes());
        Assert.All(Server.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task Reconcile_StatefulSetDefaultedByServer_StillNoUpdate()
    {
        SeedSource("telemetry", Spec());
        await ReconcileAsync();
        // The real API server fills in defaults (revisionHistoryLimit, imagePullPolicy, …): not a reason to update.
        var set = StatefulSet("telemetry")!;
        set["spec"]!["revisionHistoryLimit"] = 10;
        set["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"] = "IfNotPresent";
        set["spec"]!["template"]!["spec"]!["dnsPolicy"] = "ClusterFirst";
        Server.Upsert("apps", "v1", "statefulsets", set);
        Server.ClearRequests();

        await ReconcileAsync();

        Assert.DoesNotContain(Writes(), r => r.Path.Contains("/statefulsets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_InvalidSpec_ValidFalseNamingTheFieldsAndNoAdapter()
    {
        SeedSource("telemetry", Obj("""{"broker":{"url":"http://mosquitto"},"topics":[{"filter":"a/#/b","qos":5}],"replicas":2,"sink":{"uri":"http://x/"}}"""));

        var result = await ReconcileAsync();

        Assert.False(result.Requeue);
        Assert.Null(StatefulSet("telemetry"));
        var valid = Condition("telemetry", "Valid")!;
        Assert.Equal("False", valid["status"]!.GetValue<string>());
        Assert.Equal("InvalidSpec", valid["reason"]!.GetValue<string>());
        var message = valid["message"]!.GetValue<string>();
        Assert.Contains("spec.broker.url", message, StringComparison.Ordinal);
        Assert.Contains("spec.topics[0].filter", message, StringComparison.Ordinal);
        Assert.Contains("spec.topics[0].qos", message, StringComparison.Ordinal);
        Assert.Contains("spec.replicas", message, StringComparison.Ordinal);
        Assert.Equal("False", ConditionStatus("telemetry", "Ready"));
        Assert.Equal("InvalidSpec", Condition("telemetry", "Ready")!["reason"]!.GetValue<string>());
        Assert.Contains(Events(), e => e["reason"]!.GetValue<string>() == "InvalidSpec" && e["type"]!.GetValue<string>() == "Warning");
    }

    [Fact]
    public async Task Reconcile_WrongJsonKind_ValidFalseWithPath()
    {
        SeedSource("telemetry", Obj("""{"broker":{"url":"mqtt://m"},"topics":[{"filter":"a","qos":"one"}],"sink":{"uri":"http://x/"}}"""));

        await ReconcileAsync();

        Assert.Contains("spec.topics[0].qos", Condition("telemetry", "Valid")!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_InvalidSpecAgain_NoNewEvent()
    {
        SeedSource("telemetry", Obj("""{"broker":{"url":"mqtt://m"},"topics":[],"sink":{"uri":"http://x/"}}"""));
        await ReconcileAsync();
        Server.ClearRequests();

        await ReconcileAsync();

        Assert.Empty(Writes());
    }

    [Fact]
    public async Task Reconcile_StatefulSetDeletedByHand_IsRecreated()
    {
        SeedSource("telemetry", Spec());
        await ReconcileAsync();
        CompleteRollout("telemetry", 1);
        await ReconcileAsync();
        await Client.AppsV1.DeleteNamespacedStatefulSetAsync("mqttsource-telemetry", Ns);
        Server.ClearRequests();

        await ReconcileAsync();

        Assert.NotNull(StatefulSet("telemetry"));
        Assert.Contains(Writes(), r => r.Method == "POST" && r.Path.EndsWith("/statefulsets", StringComparison.Ordinal));
        Assert.Equal("Unknown", ConditionStatus("telemetry", "Deployed"));
    }

    [Fact]
    public async Task Reconcile_StatusConflict_RereadsAndRetries()
    {
        SeedSource("telemetry", Spec());
        Server.FailNext(409, count: 1, method: "PUT", pathContains: "/status");

        var result = await ReconcileAsync();

        Assert.False(result.Requeue);
        var statusWrites = Writes().Where(r => r.Path.EndsWith("/status", StringComparison.Ordinal)).ToList();
        Assert.Equal([409, 200], statusWrites.Select(r => r.StatusCode));
        Assert.Equal("True", ConditionStatus("telemetry", "SinkProvided"));
    }

    [Fact]
    public async Task Reconcile_StatusConflictEveryTime_GivesUpAndRequeues()
    {
        SeedSource("telemetry", Spec());
        Server.FailNext(409, count: 100, method: "PUT", pathContains: "/status");

        var result = await ReconcileAsync();

        Assert.True(result.Requeue);
    }

    [Fact]
    public async Task Reconcile_StatefulSetOwnedBySomeoneElse_LeftAloneDeployedFalse()
    {
        Server.Upsert("apps", "v1", "statefulsets", Obj("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"mqttsource-telemetry","namespace":"edge"},"spec":{"replicas":3}}"""));
        SeedSource("telemetry", Spec());
        Server.ClearRequests();

        await ReconcileAsync();

        Assert.DoesNotContain(Writes(), r => r.Path.Contains("/statefulsets", StringComparison.Ordinal));
        Assert.Equal("StatefulSetNotOwned", Condition("telemetry", "Deployed")!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_CreateRefused_DeployedFalseAndRequeues()
    {
        SeedSource("telemetry", Spec());
        Server.FailNext(403, method: "POST", pathContains: "/statefulsets");

        var result = await ReconcileAsync();

        Assert.True(result.Requeue);
        Assert.Equal("StatefulSetFailed", Condition("telemetry", "Deployed")!["reason"]!.GetValue<string>());
        Assert.Contains(Events(), e => e["reason"]!.GetValue<string>() == "StatefulSetFailed");
    }

    [Fact]
    public async Task Reconcile_SourceGone_DoesNothing()
    {
        var result = await ReconcileAsync("missing");

        Assert.False(result.Requeue);
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task Reconcile_NeverReadsSecrets()
    {
        var spec = Spec();
        spec["broker"] = Obj("""
            {"url":"mqtts://mosquitto:8883","auth":{"username":{"secretKeyRef":{"name":"creds","key":"username"}},"password":{"secretKeyRef":{"name":"creds","key":"password"}}},
             "tls":{"caCert":{"secretKeyRef":{"name":"tls","key":"ca.crt"}},"clientCert":{"secretKeyRef":{"name":"tls","key":"tls.crt"}},"clientKey":{"secretKeyRef":{"name":"tls","key":"tls.key"}}}}
            """);
        SeedSource("telemetry", spec);

        await ReconcileAsync();

        Assert.NotNull(StatefulSet("telemetry"));
        Assert.DoesNotContain(Server.Requests, r => r.Path.Contains("/secrets", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_ApiDown_Throws()
    {
        SeedSource("telemetry", Spec());
        Server.FailNext(500, method: "GET", pathContains: "/mqttsources/");

        await Assert.ThrowsAsync<HttpOperationException>(() => ReconcileAsync());
    }
}
