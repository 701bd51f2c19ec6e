using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Options;

/// <summary>A SUBSCRIBE request: one or more filters, each with its own QoS and options.</summary>
public sealed class MqttClientSubscribeOptions
{
    /// <summary>The filters to subscribe to.</summary>
    public IList<MqttTopicFilter> TopicFilters { get; } = [];

    /// <summary>MQTT 5 Subscription Identifier (0 = none).</summary>
    public uint SubscriptionIdentifier { get; set; }

    /// <summary>MQTT 5 user properties of the SUBSCRIBE.</summary>
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
