using System.Text.Json.Nodes;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Reconciler;
using MqttSource.Testing.Kubernetes;
using Xunit;

namespace MqttSource.Controller.Tests.Reconciler;

/// <summary>
/// Knative-style table tests of one reconcile: given objects in the fake API server (and the ConfigMaps the controller
/// read) → the creates and updates wanted (in order; Events aside) → the conditions wanted → anything else to check.
/// </summary>
public sealed class ReconcilerTableTests : FakeCluster
{
    private const string Broker = """{"ref":{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","name":"default"}}""";
    private const string Status = "PUT mqttsources/telemetry/status";

    private readonly ConfigStore _config = new();

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    private static readonly Dictionary<string, Case> Cases = new Case[]
    {
        new("new source: headless Service, then StatefulSet, then status",
            t => { t.Seed(); return Task.CompletedTask; },
            ["POST services", "POST statefulsets", Status],
            [("Valid", "True", null), ("SinkProvided", "True", null), ("Deployed", "Unknown", Rollout.RollingOut), ("Ready", "Unknown", Rollout.RollingOut)],
            t =>
            {
                var service = t.Service("telemetry")!;
                Assert.Equal("None", service["spec"]!["clusterIP"]!.GetValue<string>());
                Assert.Equal("telemetry", service["spec"]!["selector"]!["sources.knative.dev/name"]!.GetValue<string>());
                Assert.Equal(8080, service["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
                Assert.Equal(t.SourceUid, service["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
                Assert.True(service["metadata"]!["ownerReferences"]![0]!["controller"]!.GetValue<bool>());
                Assert.Equal(service["metadata"]!["name"]!.GetValue<string>(), t.StatefulSet("telemetry")!["spec"]!["serviceName"]!.GetValue<string>());
            }),
        new("everything in place, rollout complete: only the status moves to Ready",
            async t => { await t.ReconciledAsync(); t.CompleteRollout("telemetry", 1); },
            [Status],
            [("Deployed", "True", null), ("Ready", "True", null)]),
        new("everything in place and Ready: no write at all",
            async t => { await t.ReconciledAsync(); t.CompleteRollout("telemetry", 1); await t.ReconcileAsync(); },
            [],
            [("Ready", "True", null)]),
        new("server defaults on the children are not drift",
            async t =>
            {
                await t.ReconciledAsync();
                t.CompleteRollout("telemetry", 1);
                await t.ReconcileAsync();
                t.EditStatefulSet(s =>
                {
                    s["spec"]!["revisionHistoryLimit"] = 10;
                    s["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"] = "IfNotPresent";
                    s["spec"]!["template"]!["spec"]!["containers"]![0]!["terminationMessagePath"] = "/dev/termination-log";
                    s["spec"]!["template"]!["spec"]!["containers"]![0]!["livenessProbe"]!["successThreshold"] = 1;
                    s["spec"]!["template"]!["spec"]!["dnsPolicy"] = "ClusterFirst";
                    s["spec"]!["template"]!["spec"]!["restartPolicy"] = "Always";
                    s["spec"]!["template"]!["spec"]!["volumes"]![0]!["emptyDir"] = new JsonObject { ["sizeLimit"] = null };
                });
                t.EditService(s =>
                {
                    s["spec"]!["type"] = "ClusterIP";
                    s["spec"]!["sessionAffinity"] = "None";
                    s["spec"]!["clusterIPs"] = new JsonArray("None");
                });
                t.CompleteRollout("telemetry", 1); // the defaults came with a generation the StatefulSet controller has seen
            },
            [],
            [("Ready", "True", null)]),
        new("scaled by hand (kubectl scale --replicas=3): replicas put back",
            async t => { await t.ReconciledAsync(); t.EditStatefulSet(s => s["spec"]!["replicas"] = 3); },
            ["PUT statefulsets/mqttsource-telemetry", Status],
            [("Deployed", "Unknown", Rollout.RollingOut)],
            t => Assert.Equal(1, t.StatefulSet("telemetry")!["spec"]!["replicas"]!.GetValue<int>())),
        new("image, env and args edited by hand: put back, foreign labels and owners kept",
            async t =>
            {
                await t.ReconciledAsync();
                t.EditStatefulSet(s =>
                {
                    var container = s["spec"]!["template"]!["spec"]!["containers"]![0]!;
                    container["image"] = "someone/else:1";
                    container["args"] = new JsonArray("--verbose");
                    container["env"]!.AsArray().Add(new JsonObject { ["name"] = "DEBUG", ["value"] = "1" });
                    s["metadata"]!["labels"]!["team"] = "ops";
                    s["metadata"]!["ownerReferences"]!.AsArray().Add(JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Tracker","name":"t","uid":"foreign-uid"}"""));
                });
            },
            ["PUT statefulsets/mqttsource-telemetry", Status],
            [("Deployed", "Unknown", Rollout.RollingOut)],
            t =>
            {
                var set = t.StatefulSet("telemetry")!;
                var container = set["spec"]!["template"]!["spec"]!["containers"]![0]!;
                Assert.Equal(Image, container["image"]!.GetValue<string>());
                Assert.Null(container["args"]);
                Assert.Null(Env(set, "DEBUG"));
                Assert.Equal("ops", set["metadata"]!["labels"]!["team"]!.GetValue<string>());
                var owners = set["metadata"]!["ownerReferences"]!.AsArray().Select(o => o!["uid"]!.GetValue<string>()).ToList();
                Assert.Equal(2, owners.Count);
                Assert.Contains("foreign-uid", owners);
                Assert.Contains(t.SourceUid, owners);
            }),
        new("headless Service deleted by hand: recreated, nothing else",
            async t => { await t.ReconciledAsync(); t.Server.Upsert(string.Empty, "v1", "services", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "placeholder", ["namespace"] = Ns } }); await t.DeleteServiceAsync(); },
            ["POST services"],
            [("Deployed", "Unknown", Rollout.RollingOut)]),
        new("Service selector and ports edited by hand: put back",
            async t =>
            {
                await t.ReconciledAsync();
                t.EditService(s =>
                {
                    s["spec"]!["selector"] = new JsonObject { ["app"] = "other" };
                    s["spec"]!["ports"] = JsonNode.Parse("""[{"name":"http","port":9090,"targetPort":9090,"protocol":"TCP"}]""");
                });
            },
            ["PUT services/mqttsource-telemetry"],
            [("Deployed", "Unknown", Rollout.RollingOut)],
            t => Assert.Equal(8080, t.Service("telemetry")!["spec"]!["ports"]![0]!["port"]!.GetValue<int>())),
        new("a Service of that name belongs to someone else: left alone, Deployed=False",
            t =>
            {
                t.Server.Upsert(string.Empty, "v1", "services", JsonNode.Parse("""{"metadata":{"name":"mqttsource-telemetry","namespace":"edge"},"spec":{"ports":[{"port":80}]}}""")!.AsObject());
                t.Seed();
                return Task.CompletedTask;
            },
            [Status],
            [("Deployed", "False", "ServiceNotOwned"), ("Ready", "False", "ServiceNotOwned")],
            t => Assert.Null(t.StatefulSet("telemetry"))),
        new("OIDC on: the source's own ServiceAccount, the adapter runs under it, status.auth names it",
            t => { t.Oidc(true); t.Seed(); return Task.CompletedTask; },
            ["POST serviceaccounts", "POST services", "POST statefulsets", Status],
            [("Deployed", "Unknown", Rollout.RollingOut)],
            t =>
            {
                var name = OidcIdentity.NameFor("telemetry");
                var account = t.Server.Get(string.Empty, "serviceaccounts", Ns, name)!;
                Assert.Equal(t.SourceUid, account["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
                Assert.Equal("enabled", account["metadata"]!["labels"]![OidcIdentity.LabelKey]!.GetValue<string>());
                Assert.Equal(name, t.StatefulSet("telemetry")!["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
                Assert.Equal(name, t.Source("telemetry")!["status"]!["auth"]!["serviceAccountName"]!.GetValue<string>());
            }),
        new("OIDC on, its ServiceAccount name taken by someone else's: Deployed=False, no adapter",
            t =>
            {
                t.Oidc(true);
                t.Server.Upsert(string.Empty, "v1", "serviceaccounts", JsonNode.Parse($$$"""{"metadata":{"name":"{{{OidcIdentity.NameFor("telemetry")}}}","namespace":"edge"}}""")!.AsObject());
                t.Seed();
                return Task.CompletedTask;
            },
            [Status],
            [("Deployed", "False", "ServiceAccountNotOwned")],
            t => Assert.Null(t.Source("telemetry")!["status"]!["auth"])),
        new("OIDC turned off: the adapter back on the default account, status.auth cleared",
            async t => { t.Oidc(true); await t.ReconciledAsync(); t.Oidc(false); },
            ["PUT statefulsets/mqttsource-telemetry", Status],
            [("Deployed", "Unknown", Rollout.RollingOut)],
            t =>
            {
                Assert.Null(t.StatefulSet("telemetry")!["spec"]!["template"]!["spec"]!["serviceAccountName"]);
                Assert.Null(t.Source("telemetry")!["status"]!["auth"]);
            }),
        new("the Broker's address changed: K_SINK and status follow",
            async t =>
            {
                t.SeedBroker("default", "http://old.example/");
                t.Seed(Broker);
                await t.ReconcileAsync();
                t.SeedBroker("default", "http://new.example/", audience: "aud");
            },
            ["PUT statefulsets/mqttsource-telemetry", Status],
            [("SinkProvided", "True", null)],
            t =>
            {
                Assert.Equal("http://new.example/", Env(t.StatefulSet("telemetry"), "K_SINK"));
                Assert.Equal("aud", Env(t.StatefulSet("telemetry"), "K_AUDIENCE"));
                Assert.Equal("aud", t.Source("telemetry")!["status"]!["sinkAudience"]!.GetValue<string>());
            }),
        new("rollout: the StatefulSet controller has not seen the new generation yet",
            async t => { await t.ReconciledAsync(); t.CompleteRollout("telemetry", 1); await t.ReconcileAsync(); await t.UpdateSpecAsync("telemetry", Spec(topics: """[{"filter":"a/#"}]""")); },
            ["PUT statefulsets/mqttsource-telemetry", Status],
            [("Deployed", "Unknown", Rollout.RollingOut), ("Ready", "Unknown", Rollout.RollingOut)]),
        new("rollout: old pods ready, not all updated",
            async t => { await t.ReconciledAsync(); t.SetStatus("""{"observedGeneration":1,"replicas":1,"readyReplicas":1,"updatedReplicas":0,"currentRevision":"r1","updateRevision":"r2"}"""); },
            [Status],
            [("Deployed", "Unknown", Rollout.RollingOut)],
            t => Assert.Contains("0 of 1 pods updated", t.Condition("telemetry", "Deployed")!["message"]!.GetValue<string>(), StringComparison.Ordinal)),
        new("rollout done, pod not ready (not connected or not subscribed)",
            async t => { await t.ReconciledAsync(); t.SetStatus("""{"observedGeneration":1,"replicas":1,"readyReplicas":0,"updatedReplicas":1,"currentRevision":"r1","updateRevision":"r1"}"""); },
            [Status],
            [("Deployed", "Unknown", Rollout.NotReady), ("Ready", "Unknown", Rollout.NotReady)]),
        new("config-logging and config-observability reach the adapter's env",
            t =>
            {
                t._config.SetLogging(t.ConfigMap(ConfigMapNames.Logging, (ConfigMapNames.AdapterLevelKey, "debug")));
                t._config.SetObservability(t.ConfigMap(ConfigMapNames.Observability, ("metrics-protocol", "prometheus")));
                t.Seed();
                return Task.CompletedTask;
            },
            ["POST services", "POST statefulsets", Status],
            [("Deployed", "Unknown", Rollout.RollingOut)],
            t =>
            {
                Assert.Equal("""{"loglevel.mqtt-source-adapter":"debug"}""", Env(t.StatefulSet("telemetry"), "K_LOGGING_CONFIG"));
                Assert.Equal("""{"metrics-protocol":"prometheus"}""", Env(t.StatefulSet("telemetry"), "K_OBSERVABILITY_CONFIG"));
            }),
        new("SHUTDOWN_GRACE_SECONDS in spec.adapter.env: the pod's grace period follows",
            t =>
            {
                var spec = Spec();
                spec["adapter"] = JsonNode.Parse("""{"env":[{"name":"SHUTDOWN_GRACE_SECONDS","value":"120"}]}""");
                t.Seed(spec: spec);
                return Task.CompletedTask;
            },
            ["POST services", "POST statefulsets", Status],
            [("Valid", "True", null)],
            t => Assert.Equal(135, t.StatefulSet("telemetry")!["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!.GetValue<long>())),
        new("a bad spec.adapter override: Valid=False naming it, no adapter",
            t =>
            {
                var spec = Spec();
                spec["adapter"] = JsonNode.Parse("""{"resources":{"limits":{"memory":"a lot"}}}""");
                t.Seed(spec: spec);
                return Task.CompletedTask;
            },
            [Status],
            [("Valid", "False", "InvalidSpec")],
            t => Assert.Contains("spec.adapter.resources", t.Condition("telemetry", "Valid")!["message"]!.GetValue<string>(), StringComparison.Ordinal)),
        new("the status write keeps conflicting: no Events for conditions that were not written",
            t => { t.Seed(spec: Spec("""{"ref":{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","name":"missing"}}""")); t.Server.FailNext(409, count: 100, method: "PUT", pathContains: "/status"); return Task.CompletedTask; },
            [Status, Status, Status, Status, Status],
            [],
            t => Assert.Empty(t.Events())),
    }.ToDictionary(c => c.Name);

    private string SourceUid => Source("telemetry")!["metadata"]!["uid"]!.GetValue<string>();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Reconcile_GivenObjects_WantedWritesAndStatus(string name)
    {
        var test = Cases[name];
        await test.Given(this);
        Server.ClearRequests();

        await ReconcileAsync();

        Assert.Equal(test.Writes, Writes().Where(r => !r.Path.EndsWith("/events", StringComparison.Ordinal)).Select(Describe));
        foreach (var (type, status, reason) in test.Conditions)
        {
            Assert.Equal((type, status, reason), (type, ConditionStatus("telemetry", type), reason is null ? null : ConditionReason("telemetry", type)));
        }

        test.Then?.Invoke(this);
    }

    private Task<ReconcileResult> ReconcileAsync() =>
        new MqttSourceReconciler(Client, new ReconcilerOptions { AdapterImage = Image, Instance = "test-0" }, _config, timeProvider: Time).ReconcileAsync(Ns, "telemetry", CancellationToken.None);

    private void Seed(string? sink = null, JsonObject? spec = null) => SeedSource("telemetry", spec ?? Spec(sink));

    private async Task ReconciledAsync()
    {
        Seed();
        await ReconcileAsync();
    }

    private void Oidc(bool on) => _config.SetFeatures(ConfigMap(ConfigMapNames.Features, (ConfigMapNames.OidcFeature, on ? "enabled" : "disabled")));

    private k8s.Models.V1ConfigMap ConfigMap(string name, params (string Key, string Value)[] data) =>
        new() { Metadata = new k8s.Models.V1ObjectMeta { Name = name }, Data = data.ToDictionary(d => d.Key, d => d.Value) };

    private void EditStatefulSet(Action<JsonObject> edit)
    {
        var set = StatefulSet("telemetry")!;
        edit(set);
        Server.Upsert("apps", "v1", "statefulsets", set);
    }

    private void EditService(Action<JsonObject> edit)
    {
        var service = Service("telemetry")!;
        edit(service);
        Server.Upsert(string.Empty, "v1", "services", service);
    }

    private void SetStatus(string status) => EditStatefulSet(s => s["status"] = JsonNode.Parse(status));

    private Task DeleteServiceAsync() => k8s.CoreV1OperationsExtensions.DeleteNamespacedServiceAsync(Client.CoreV1, "mqttsource-telemetry", Ns);

    /// <summary><c>POST services</c>, <c>PUT statefulsets/x</c>, <c>PUT mqttsources/x/status</c>: the method and the path below the namespace.</summary>
    private static string Describe(RecordedRequest request)
    {
        var path = request.Path;
        var marker = "/namespaces/" + Ns + "/";
        return request.Method + " " + path[(path.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
    }

    private sealed record Case(
        string Name,
        Func<ReconcilerTableTests, Task> Given,
        string[] Writes,
        (string Type, string Status, string? Reason)[] Conditions,
        Action<ReconcilerTableTests>? Then = null)
    {
        public override string ToString() => Name;
    }
}
