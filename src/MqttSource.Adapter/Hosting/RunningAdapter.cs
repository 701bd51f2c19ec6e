using Microsoft.AspNetCore.Builder;
using MqttSource.Adapter.Metrics;
using MqttSource.Mqtt.Client;

namespace MqttSource.Adapter.Hosting;

/// <summary>An adapter started in this process.</summary>
internal sealed class RunningAdapter(WebApplication app, Uri address, AdapterMetrics metrics, MqttClient client) : IAsyncDisposable
{
    /// <summary>The probe/metrics endpoint.</summary>
    public Uri Address { get; } = address;

    public AdapterMetrics Metrics { get; } = metrics;

    public MqttClient Client { get; } = client;

    /// <summary>Graceful stop, as on SIGTERM.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
