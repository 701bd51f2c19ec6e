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
