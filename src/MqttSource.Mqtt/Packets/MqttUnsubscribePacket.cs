namespace MqttSource.Mqtt.Packets;

/// <summary>UNSUBSCRIBE (client → server).</summary>
public sealed class MqttUnsubscribePacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Unsubscribe;

    public ushort PacketIdentifier { get; set; }

    public IReadOnlyList<string> TopicFilters { get; set; } = [];

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
