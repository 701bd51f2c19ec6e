using System.Text.Json.Nodes;
using MqttSource.Kubernetes.Client;
using MqttSource.Testing.Kubernetes;
using Xunit;

namespace MqttSource.Kubernetes.Tests;

/// <summary>Base of tests against a fresh <see cref="FakeApiServer"/>, with a client to it.</summary>
public abstract class FakeClusterTest : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    protected FakeApiServer Server { get; private set; } = null!;

    protected KubernetesClient Client { get; private set; } = null!;

    protected virtual FakeApiServerOptions ServerOptions => new();

    public async Task InitializeAsync()
    {
        Server = await FakeApiServer.StartAsync(ServerOptions);
        Client = new KubernetesClient(Server.CreateHttpClient(), ownsHttpClient: true) { RequestTimeout = Timeout };
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    protected static CancellationToken TestTimeout() => new CancellationTokenSource(Timeout).Token;

    protected static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
