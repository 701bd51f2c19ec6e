using System.Globalization;
using System.Text;

namespace MqttSource.Adapter.Metrics;

/// <summary>The adapter's counters and gauges; <see cref="WritePrometheus"/> renders them for <c>/metrics</c>.</summary>
internal sealed class AdapterMetrics
{
    private long _received;
    private long _delivered;
    private long _retried;
    private long _deadLettered;
    private long _dropped;
    private long _invalid;
    private long _abandoned;
    private long _abandonedQos0;
    private long _redelivered;
    private long _internalErrors;
    private long _stalls;
    private long _inFlight;
    private long _maxInFlight;
    private long _reconnects;
    private int _connected;
    private int _subscribed;

    public LatencyHistogram DeliveryLatency { get; } = new();

    /// <summary>Reads how long the oldest message not yet acknowledged (or, QoS 0, not yet delivered) has waited.</summary>
    public Func<TimeSpan?> OldestUnackedSource { get; set; } = static () => null;

    /// <summary>Reads the MQTT client's count of messages over the maximum packet size (skipped and acknowledged).</summary>
    public Func<long> OversizedSource { get; set; } = static () => 0;

    public long Oversized => OversizedSource();

    public long Received => Volatile.Read(ref _received);

    public long Delivered => Volatile.Read(ref _delivered);

    public long Retried => Volatile.Read(ref _retried);

    public long DeadLettered => Volatile.Read(ref _deadLettered);

    public long Dropped => Volatile.Read(ref _dropped);

    public long Invalid => Volatile.Read(ref _invalid);

    public long Abandoned => Volatile.Read(ref _abandoned);

    /// <summary>QoS 0 messages among <see cref="Abandoned"/>: these are lost (the broker cannot redeliver them).</summary>
    public long AbandonedQos0 => Volatile.Read(ref _abandonedQos0);

    /// <summary>Messages left un-acknowledged after an unexpected failure, for the broker to redeliver.</summary>
    public long Redelivered => Volatile.Read(ref _redelivered);

    /// <summary>Exceptions nobody classified (bugs), each logged as an error.</summary>
    public long InternalErrors => Volatile.Read(ref _internalErrors);

    /// <summary>Times no progress was made without a reason (see the stall monitor).</summary>
    public long Stalls => Volatile.Read(ref _stalls);

    public TimeSpan? OldestUnacked => OldestUnackedSource();

    public long InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The highest in-flight count seen (the window must bound it).</summary>
    public long MaxInFlight => Volatile.Read(ref _maxInFlight);

    public bool Connected => Volatile.Read(ref _connected) == 1;

    public bool Subscribed => Volatile.Read(ref _subscribed) == 1;

    public long Reconnects => Volatile.Read(ref _reconnects);

    public void MessageReceived() => Interlocked.Increment(ref _received);

    public void EventRetried() => Interlocked.Increment(ref _retried);

    public void InvalidMessage() => Interlocked.Increment(ref _invalid);

    public void InternalError() => Interlocked.Increment(ref _internalErrors);

    public void Stalled() => Interlocked.Increment(ref _stalls);

    /// <summary>A message that arrived once shutdown had begun (or while it waited for a slot): not acknowledged.</summary>
    public void NotAdmitted(bool qos0)
    {
        Interlocked.Increment(ref _abandoned);
        if (qos0)
        {
            Interlocked.Increment(ref _abandonedQos0);
        }
    }

    public void InFlightStarted()
    {
        var now = Interlocked.Increment(ref _inFlight);
        long seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
    }

    public void InFlightEnded(Delivery.DeliveryOutcomeKind outcome, TimeSpan latency, bool qos0 = false)
    {
        Interlocked.Decrement(ref _inFlight);
        switch (outcome)
        {
            case Delivery.DeliveryOutcomeKind.Delivered:
                Interlocked.Increment(ref _delivered);
                DeliveryLatency.Observe(latency);
                break;
            case Delivery.DeliveryOutcomeKind.DeadLettered:
                Interlocked.Increment(ref _deadLettered);
                break;
            case Delivery.DeliveryOutcomeKind.Dropped:
                Interlocked.Increment(ref _dropped);
                break;
            case Delivery.DeliveryOutcomeKind.Redelivered:
                Interlocked.Increment(ref _redelivered);
                break;
            default:
                Interlocked.Increment(ref _abandoned);
                if (qos0)
                {
                    Interlocked.Increment(ref _abandonedQos0);
                }

                break;
        }
    }

    public void SetConnected(bool connected, bool subscribed)
    {
        Volatile.Write(ref _connected, connected ? 1 : 0);
        Volatile.Write(ref _subscribed, subscribed ? 1 : 0);
    }

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    /// <summary>Prometheus text exposition format 0.0.4.</summary>
    public string WritePrometheus()
    {
        var text = new StringBuilder(4096);
        Counter(text, "mqttsource_messages_received_total", "MQTT messages received.", Received);
        Counter(text, "mqttsource_events_delivered_total", "Events accepted by the sink (2xx).", Delivered);
        Counter(text, "mqttsource_events_retried_total", "Delivery attempts that were retried.", Retried);
        Counter(text, "mqttsource_events_deadlettered_total", "Events accepted by the dead-letter sink.", DeadLettered);
        Counter(text, "mqttsource_events_dropped_total", "Events dropped after failing for good without a dead-letter sink.", Dropped);
        Counter(text, "mqttsource_messages_oversized_total", "MQTT 3.1.1 messages over the maximum packet size, skipped (MQTT 5 brokers drop them before sending).", Oversized);
        Counter(text, "mqttsource_events_invalid_total", "Messages that cannot be delivered as they are (invalid CloudEvents, conversion or encoding failures): dead-lettered as a minimal event, else dropped.", Invalid);
        Counter(text, "mqttsource_events_abandoned_total", "Deliveries stopped by shutdown (not acknowledged, redelivered later; QoS 0 ones are lost).", Abandoned);
        Counter(text, "mqttsource_events_abandoned_qos0_total", "QoS 0 messages among the abandoned ones: lost.", AbandonedQos0);
        Counter(text, "mqttsource_events_redelivered_total", "Deliveries that failed unexpectedly and were left for the broker to redeliver (the connection was recycled).", Redelivered);
        Counter(text, "mqttsource_internal_errors_total", "Unexpected failures (bugs), each logged as an error.", InternalErrors);
        Counter(text, "mqttsource_stalls_total", "Times un-acknowledged messages waited past the threshold with the sink not failing (no progress without a reason).", Stalls);
        GaugeSeconds(text, "mqttsource_oldest_unacked_age_seconds", "Age of the oldest message not yet acknowledged to the broker (QoS 0: not yet delivered); 0 when none.", OldestUnacked ?? TimeSpan.Zero);
        Gauge(text, "mqttsource_events_inflight", "Events being delivered now.", InFlight);
        Gauge(text, "mqttsource_mqtt_connected", "1 when connected to the MQTT broker.", Connected ? 1 : 0);
        Gauge(text, "mqttsource_mqtt_subscribed", "1 when all subscriptions are in place.", Subscribed ? 1 : 0);
        Counter(text, "mqttsource_mqtt_reconnects_total", "Reconnections to the MQTT broker.", Reconnects);
        DeliveryLatency.WriteTo(text, "mqttsource_delivery_latency_seconds", "Time from MQTT receive to sink acceptance.");
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value) => Write(text, name, help, "counter", value);

    private static void Gauge(StringBuilder text, string name, string help, long value) => Write(text, name, help, "gauge", value);

    private static void GaugeSeconds(StringBuilder text, string name, string help, TimeSpan value) =>
        Write(text, name, help, "gauge", value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));

    private static void Write(StringBuilder text, string name, string help, string type, long value) =>
        Write(text, name, help, type, value.ToString(CultureInfo.InvariantCulture));

    private static void Write(StringBuilder text, string name, string help, string type, string value) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(' ').Append(value).Append('\n');
}
