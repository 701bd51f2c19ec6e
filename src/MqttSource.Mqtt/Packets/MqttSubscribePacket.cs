namespace MqttSource.Mqtt.Packets;

/// <summary>SUBSCRIBE (client → server).</summary>
public sealed class MqttSubscribePacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Subscribe;

    public ushort PacketIdentifier { get; set; }

    public IReadOnlyList<MqttTopicFilter> TopicFilters { get; set; } = [];

    /// <summary>MQTT 5 Subscription Identifier (0 = absent).</summary>
    public uint SubscriptionIdentifier { get; set; }

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
