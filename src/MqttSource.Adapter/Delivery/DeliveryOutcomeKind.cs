namespace MqttSource.Adapter.Delivery;

/// <summary>How one event's delivery ended (the MQTT acknowledgement follows every one of these).</summary>
internal enum DeliveryOutcomeKind
{
    /// <summary>The sink answered 2xx.</summary>
    Delivered,

    /// <summary>The dead-letter sink answered 2xx.</summary>
    DeadLettered,

    /// <summary>No dead-letter sink (or it failed for good): logged, counted, acknowledged.</summary>
    Dropped,

    /// <summary>Shutdown stopped the delivery: the message is not acknowledged; the broker redelivers it.</summary>
    Abandoned,
}
