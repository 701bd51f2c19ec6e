namespace MqttSource.Adapter.Delivery;

/// <summary>How one event's delivery ended (every message reaches exactly one of these).</summary>
internal enum DeliveryOutcomeKind
{
    /// <summary>The sink answered 2xx.</summary>
    Delivered,

    /// <summary>The dead-letter sink answered 2xx.</summary>
    DeadLettered,

    /// <summary>Dropped by policy: failed for good without a (working) dead-letter sink, or invalid; logged, counted, acknowledged.</summary>
    Dropped,

    /// <summary>Shutdown stopped the delivery: the message is not acknowledged; the broker redelivers it (QoS 0: lost).</summary>
    Abandoned,

    /// <summary>
    /// An exception nobody classified (a bug): not acknowledged, and the MQTT connection is recycled so that the broker
    /// redelivers it and everything after it. A message failing so a second time is dropped instead.
    /// </summary>
    Redelivered,
}
