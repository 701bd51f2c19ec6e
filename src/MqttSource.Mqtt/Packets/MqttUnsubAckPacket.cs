namespace MqttSource.Mqtt.Packets;

/// <summary>UNSUBACK (server → client). 3.1.1 carries no reason codes (the list is empty).</summary>
public sealed class MqttUnsubAckPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.UnsubAck;

    public ushort PacketIdentifier { get; set; }

    public IReadOnlyList<MqttReasonCode> ReasonCodes { get; set; } = [];

    public string? ReasonString { get; set; }

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
