using System.Text.Json.Nodes;
using MqttSource.Controller.Resources;
using MqttSource.Kubernetes.Client;
using MqttSource.Testing.Kubernetes;
using MqttSource.Testing.Time;
using Xunit;

namespace MqttSource.Controller.Tests;

/// <summary>Base of tests against a fresh <see cref="FakeApiServer"/>: a client, a manual clock, and seeding/reading helpers.</summary>
public abstract class FakeCluster : IAsyncLifetime
{
    protected const string Ns = "edge";
    protected const string Image = "registry.example.com/mqtt-source/adapter:test";
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    protected FakeApiServer Server { get; private set; } = null!;

    protected KubernetesClient Client { get; private set; } = null!;

    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        Server = await FakeApiServer.StartAsync();
        Client = new KubernetesClient(Server.CreateHttpClient(), ownsHttpClient: true) { RequestTimeout = Timeout };
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

    /// <summary>Changes the spec as <c>kubectl apply</c> would (generation goes up).</summary>
    protected async Task UpdateSpecAsync(string name, JsonObject spec)
    {
        var sources = Client.MqttSources();
        var source = await sources.GetAsync(Ns, name);
        source.Spec = spec;
        await sources.ReplaceAsync(source);
    }

    protected JsonObject? Source(string name) => Server.Get(MqttSourceResources.Group, MqttSourceResources.Plural, Ns, name);

    protected JsonObject? Condition(string name, string type) =>
        (Source(name)?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    protected string? ConditionStatus(string name, string type) => Condition(name, type)?["status"]?.GetValue<string>();

    protected JsonObject? StatefulSet(string sourceName) => Server.Get("apps", "statefulsets", Ns, "mqttsource-" + sourceName);

    protected void SeedBroker(string name, string? url)
    {
        var broker = Obj($$$"""{"apiVersion":"eventing.knative.dev/v1","kind":"Broker","metadata":{"name":"{{{name}}}","namespace":"{{{Ns}}}"},"spec":{}}""");
        if (url is not null)
        {
            broker["status"] = Obj($$"""{"address":{"url":"{{url}}"},"conditions":[{"type":"Ready","status":"True"}]}""");
        }

        Server.Upsert("eventing.knative.dev", "v1", "brokers", broker);
    }

    /// <summary>Sets the StatefulSet's <c>status.readyReplicas</c>, as the StatefulSet controller would.</summary>
    protected void SetReadyReplicas(string sourceName, int ready)
    {
        var set = StatefulSet(sourceName) ?? throw new InvalidOperationException("no StatefulSet yet");
        set["status"] = new JsonObject { ["replicas"] = ready, ["readyReplicas"] = ready };
        Server.Upsert("apps", "v1", "statefulsets", set);
    }

    /// <summary>Writes (not GET, not watch) since the log was last cleared.</summary>
    protected IReadOnlyList<RecordedRequest> Writes() =>
        [.. Server.Requests.Where(r => r.Method != "GET")];

    protected IReadOnlyList<JsonObject> Events() =>
        [.. Server.List(string.Empty, "events").Where(e => e["involvedObject"]?["kind"]?.GetValue<string>() == "MqttSource")];
}
