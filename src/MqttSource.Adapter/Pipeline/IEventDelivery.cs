using MqttSource.Adapter.Delivery;
using MqttSource.Mqtt;

namespace MqttSource.Adapter.Pipeline;

/// <summary>Turns one MQTT message into a CloudEvent and brings it to the sink (with retries, dead-lettering).</summary>
internal interface IEventDelivery
{
    /// <summary>
    /// Delivers; the outcome decides the acknowledgement. When <paramref name="abort"/> fires (shutdown grace over)
    /// the result is <see cref="DeliveryOutcomeKind.Abandoned"/> and the message stays un-acknowledged.
    /// </summary>
    Task<DeliveryOutcomeKind> DeliverAsync(MqttApplicationMessage message, DateTimeOffset receivedAt, CancellationToken abort);
}
