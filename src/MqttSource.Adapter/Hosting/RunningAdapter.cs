using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Metrics;
using MqttSource.Mqtt.Client;
using MqttSource.Hosting;

namespace MqttSource.Adapter.Hosting;

/// <summary>An adapter started in this process: the MQTT side and its probe listener; stopping drains, then closes the listener.</summary>
internal sealed class RunningAdapter : IAsyncDisposable
{
    private readonly AdapterService _service;
    private readonly ProbeServer _probes;
    private readonly ILoggerFactory _loggers;
    private readonly IDisposable[] _owned;
    private Task? _stopped;

    internal RunningAdapter(AdapterService service, ProbeServer probes, ILoggerFactory loggers, AdapterMetrics metrics, MqttClient client, params IDisposable[] owned)
    {
        _service = service;
        _probes = probes;
        _loggers = loggers;
        _owned = owned;
        Metrics = metrics;
        Client = client;
        Address = new Uri($"http://{probes.EndPoint}"); // IPEndPoint writes IPv6 in brackets
    }

    /// <summary>The probe/metrics endpoint.</summary>
    public Uri Address { get; }

    public AdapterMetrics Metrics { get; }

    public MqttClient Client { get; }

    /// <summary>Graceful stop, as on SIGTERM: drain within the grace period, disconnect keeping the session, then close the probes.</summary>
    public Task StopAsync() => _stopped ??= StopCoreAsync();

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StopCoreAsync()
    {
        try
        {
            await _service.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _probes.DisposeAsync().ConfigureAwait(false);
            await Client.DisposeAsync().ConfigureAwait(false);
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            _service.Dispose();
            _loggers.Dispose();
        }
    }
}
