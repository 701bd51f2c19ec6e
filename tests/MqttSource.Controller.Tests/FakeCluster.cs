using System.Text.Json.Nodes;
using k8s;
using MqttSource.Controller.Api;
using MqttSource.Controller.Resources;
using MqttSource.Testing.Kubernetes;
using MqttSource.Testing.Time;
using Xunit;

namespace MqttSource.Controller.Tests;

/// <summary>Base of tests against a fresh <see cref="FakeApiServer"/>: a KubernetesClient to it, a manual clock, and seeding/reading helpers.</summary>
public abstract class FakeCluster : IAsyncLifetime
{
    protected const string Ns = "edge";
    protected const string Image = "registry.example.com/mqtt-source/adapter:test";
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    protected FakeApiServer Server { get; private set; } = null!;

    private protected Kubernetes Client { get; private set; } = null!;

    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected virtual FakeApiServerOptions ServerOptions => new();

    public async Task InitializeAsync()
    {
        Server = await FakeApiServer.StartAsync(ServerOptions);
        Server.RegisterKind(MqttSourceResources.Group, MqttSourceResources.Plural, MqttSourceResources.Kind);
        Client = KubernetesClients.Create(new KubernetesClientConfiguration { Host = Server.BaseAddress.ToString() });
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    protected static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>An MqttSource spec with a URI sink, one topic; <paramref name="sink"/> replaces the sink.</summary>
    protected static JsonObject Spec(string? sink = null, string topics = """[{"filter":"sensors/+/temperature","type":"com.example.temperature"}]""") =>
        Obj($$"""{"broker":{"url":"mqtt://mosquitto.edge.svc:1883"},"topics":{{topics}},"sink":{{sink ?? """{"uri":"http://display.edge.svc.cluster.local/"}"""}}}""");

    protected JsonObject SeedSource(string name, JsonObject spec) =>
        Server.Upsert(MqttSourceResources.Group, MqttSourceResources.Version, MqttSourceResources.Plural, new JsonObject
        {
            ["apiVersion"] = MqttSourceResources.ApiVersion,
            ["kind"] = MqttSourceResources.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = spec,
        });

    /// <summary>Creates a source as <c>kubectl apply</c> would, through the API.</summary>
    protected Task ApplyAsync(string name, JsonObject spec) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject { ["apiVersion"] = MqttSourceResources.ApiVersion, ["kind"] = MqttSourceResources.Kind, ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec },
            MqttSourceResources.Group,
            MqttSourceResources.Version,
            Ns,
            MqttSourceResources.Plural);

    /// <summary>Changes the spec as <c>kubectl apply</c> would (generation goes up); a running controller's status write in between is a conflict: read again.</summary>
    protected async Task UpdateSpecAsync(string name, JsonObject spec)
    {
        for (var attempt = 1; ; attempt++)
        {
            var source = Source(name)!;
            source["spec"] = spec.DeepClone();
            try
            {
                await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(source, MqttSourceResources.Group, MqttSourceResources.Version, Ns, MqttSourceResources.Plural, name);
                return;
            }
            catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 20)
            {
                // someone else wrote it since we read it
            }
        }
    }

    protected JsonObject? Source(string name) => Server.Get(MqttSourceResources.Group, MqttSourceResources.Plural, Ns, name);

    protected JsonObject? Condition(string name, string type) =>
        (Source(name)?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    protected string? ConditionStatus(string name, string type) => Condition(name, type)?["status"]?.GetValue<string>();

    protected string? ConditionReason(string name, string type) => Condition(name, type)?["reason"]?.GetValue<string>();

    protected JsonObject? StatefulSet(string sourceName) => Server.Get("apps", "statefulsets", Ns, "mqttsource-" + sourceName);

    protected JsonObject? Service(string sourceName) => Server.Get(string.Empty, "services", Ns, "mqttsource-" + sourceName);

    protected static string? Env(JsonObject? set, string name) =>
        (set?["spec"]?["template"]?["spec"]?["containers"]?[0]?["env"] as JsonArray)?.OfType<JsonObject>()
            .SingleOrDefault(e => e["name"]!.GetValue<string>() == name)?["value"]?.GetValue<string>();

    protected void SeedBroker(string name, string? url, string? audience = null)
    {
        var broker = Obj($$$"""{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","metadata":{"name":"{{{name}}}","namespace":"{{{Ns}}}"},"spec":{}}""");
        if (url is not null)
        {
            broker["status"] = Obj($$"""{"address":{"url":"{{url}}"},"conditions":[{"type":"Ready","status":"True"}]}""");
            if (audience is not null)
            {
                broker["status"]!["address"]!["audience"] = audience;
            }
        }

        Server.Upsert("eventing.knative.dev", "v1", "brokers", broker);
    }

    /// <summary>Sets a ConfigMap's data (creates it when missing), as <c>kubectl apply</c> would.</summary>
    protected void SeedConfigMap(string @namespace, string name, params (string Key, string Value)[] data)
    {
        var values = new JsonObject();
        foreach (var (key, value) in data)
        {
            values[key] = value;
        }

        Server.Upsert(string.Empty, "v1", "configmaps", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace },
            ["data"] = values,
        });
    }

    /// <summary>
    /// What the StatefulSet controller does once <paramref name="ready"/> pods run the current template: observedGeneration,
    /// replicas, updatedReplicas, readyReplicas, currentRevision = updateRevision.
    /// </summary>
    protected void CompleteRollout(string sourceName, int ready)
    {
        var set = StatefulSet(sourceName) ?? throw new InvalidOperationException("no StatefulSet yet");
        var generation = set["metadata"]!["generation"]!.GetValue<long>();
        set["status"] = Obj($$"""
            {"observedGeneration":{{generation}},"replicas":{{ready}},"readyReplicas":{{ready}},"updatedReplicas":{{ready}},
             "currentReplicas":{{ready}},"currentRevision":"rev-{{generation}}","updateRevision":"rev-{{generation}}"}
            """);
        Server.Upsert("apps", "v1", "statefulsets", set);
    }

    /// <summary>Writes (not GET, not watch) since the log was last cleared.</summary>
    protected IReadOnlyList<RecordedRequest> Writes() =>
        [.. Server.Requests.Where(r => r.Method != "GET")];

    protected IReadOnlyList<JsonObject> Events() =>
        [.. Server.List(string.Empty, "events").Where(e => e["involvedObject"]?["kind"]?.GetValue<string>() == "MqttSource")];
}
