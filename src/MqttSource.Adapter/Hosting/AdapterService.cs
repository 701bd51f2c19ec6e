using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Configuration;
using MqttSource.Adapter.Logging;
using MqttSource.Adapter.Metrics;
using MqttSource.Adapter.Pipeline;
using MqttSource.Apis.Settings;
using MqttSource.Mqtt;
using MqttSource.Mqtt.Client;

namespace MqttSource.Adapter.Hosting;

/// <summary>
/// Runs the MQTT side: the handler is attached and the subscriptions are registered before the first CONNECT; the client
/// keeps itself connected and re-subscribes after every reconnect. On stop (SIGTERM) it stops taking messages, drains
/// in-flight deliveries within the grace period, and disconnects keeping the session; nothing is acknowledged that was
/// not delivered.
/// </summary>
internal sealed class AdapterService(AdapterSettings settings, MqttClient client, MessagePump pump, StallMonitor stalls, AdapterMetrics metrics, ILogger<AdapterService> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _monitor = Task.CompletedTask;
    private int _connections;

    /// <summary>Connected to the broker, every subscription granted, and not stalled.</summary>
    public bool IsReady => client.IsConnected && metrics.Subscribed && stalls.State != StallState.Stalled;

    /// <summary>The readiness answer: whether ready, and why in one line.</summary>
    public (bool Ready, string Reason) Readiness()
    {
        if (!client.IsConnected || !metrics.Subscribed)
        {
            return (false, "not ready: not connected to the MQTT broker or not subscribed");
        }

        var age = metrics.OldestUnacked?.TotalSeconds ?? 0;
        return stalls.State switch
        {
            StallState.Stalled => (false, $"not ready: stalled: the oldest un-acknowledged message has waited {age:0} s and the sink is not failing (a bug; the connection is being recycled)"),
            StallState.SinkOutage => (true, $"ready; the sink is failing and deliveries are retrying (oldest un-acknowledged message {age:0} s); the broker queues the rest"),
            _ => (true, "ready"),
        };
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        AdapterLog.Starting(logger, settings.Source.Broker.ToString(), settings.Source.Topics.Count, settings.Sink.OriginalString, settings.Source.ContentMode.ToString(), settings.ClientId);
        client.ApplicationMessageReceivedAsync += pump.OnMessageAsync;
        client.ConnectedAsync += OnConnectedAsync;
        client.DisconnectedAsync += OnDisconnectedAsync;
        foreach (var subscription in MqttClientFactory.CreateSubscriptions(settings.Source))
        {
            await client.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
        }

        if (settings.Source.ProtocolVersion == BrokerProtocolVersion.V311)
        {
            foreach (var (first, second) in OverlappingSubscriptions.FindOverlaps([.. settings.Source.Topics.Select(t => t.Filter)]))
            {
                AdapterLog.OverlappingFilters(logger, first, second);
            }
        }

        await client.StartAsync(cancellationToken).ConfigureAwait(false);
        _monitor = stalls.RunAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        AdapterLog.Draining(logger, metrics.InFlight, settings.ShutdownGrace.TotalSeconds);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _monitor.ConfigureAwait(false);
        var abandoned = await pump.DrainAsync(settings.ShutdownGrace).ConfigureAwait(false);
        if (abandoned > 0 || metrics.AbandonedQos0 > 0)
        {
            AdapterLog.Abandoned(logger, abandoned, metrics.AbandonedQos0);
        }

        await client.DisconnectAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        metrics.SetConnected(false, false);
        AdapterLog.Stopped(logger);
    }

    public void Dispose() => _stopping.Dispose();

    private Task OnConnectedAsync(MqttClientConnectedEventArgs e)
    {
        var reconnect = Interlocked.Increment(ref _connections) > 1;
        if (reconnect)
        {
            metrics.Reconnected();
        }

        var granted = true;
        foreach (var result in e.SubscribeResults)
        {
            foreach (var item in result.Items)
            {
                if ((byte)item.ReasonCode >= 0x80)
                {
                    granted = false;
                    AdapterLog.SubscriptionRefused(logger, item.TopicFilter.Topic, item.ReasonCode.ToString());
                }
            }
        }

        metrics.SetConnected(true, granted);
        AdapterLog.Connected(logger, e.ConnectResult.SessionPresent, string.Join(", ", settings.Source.Topics.Select(t => t.SubscriptionFilter)));
        AdapterLog.Session(logger, settings.ClientId, settings.Source.SessionPersistent, settings.Source.SessionExpiry, e.ConnectResult.SessionPresent, reconnect);
        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        metrics.SetConnected(false, false);
        if (!pump.IsStopping)
        {
            AdapterLog.Disconnected(logger, e.Reason, e.Exception is MqttConnectingFailedException or MqttProtocolViolationException ? e.Exception : null);
        }

        return Task.CompletedTask;
    }
}
