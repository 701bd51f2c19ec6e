using MqttSource.Testing.Mosquitto;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Support;

/// <summary>A test class whose every test gets its own Mosquitto and loopback sink.</summary>
public abstract class BrokerAndSinkTest : IAsyncLifetime
{
    protected MosquittoBroker Broker { get; private set; } = null!;

    protected LoopbackSink Sink { get; private set; } = null!;

    /// <summary>How the broker is configured; default a plain in-memory broker.</summary>
    protected virtual MosquittoOptions BrokerOptions => new();

    /// <summary>Starts an adapter from quick flags on <see cref="Broker"/> (all topics, QoS 1) to <paramref name="sink"/> (default <see cref="Sink"/>), waiting until it is ready.</summary>
    private protected Task<TestAdapter> StartAdapterOnAsync(LoopbackSink? sink, string name, IReadOnlyDictionary<string, string>? env, params string[] extra) =>
        TestAdapter.StartAsync(TestSettings.Load(TestSettings.Flags(Broker, sink ?? Sink, TestSettings.NewClientId(name), extra), env));

    /// <summary>mosquitto_pub of one message (QoS 1 on the plain listener unless <paramref name="options"/> say otherwise); fails the test when it fails.</summary>
    protected async Task PublishAsync(string topic, string message, MosquittoClientOptions? options = null)
    {
        var result = await MosquittoClients.PublishAsync(options ?? Broker.ClientOptions() with { Qos = 1 }, topic, message);
        Assert.True(result.Succeeded, result.ToString());
    }

    public async Task InitializeAsync()
    {
        Broker = await MosquittoBroker.StartAsync(BrokerOptions);
        Sink = await LoopbackSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Sink.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
