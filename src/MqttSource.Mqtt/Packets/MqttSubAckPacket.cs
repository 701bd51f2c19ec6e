namespace MqttSource.Mqtt.Packets;

/// <summary>SUBACK (server → client): one reason code per requested filter (3.1.1 0x80 maps to UnspecifiedError).</summary>
public sealed class MqttSubAckPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.SubAck;

    public ushort PacketIdentifier { get; set; }

    public IReadOnlyList<MqttReasonCode> ReasonCodes { get; set; } = [];

    public string? ReasonString { get; set; }

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
