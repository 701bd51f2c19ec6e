namespace MqttSource.Mqtt.Packets;

/// <summary>PUBREC.</summary>
public sealed class MqttPubRecPacket : MqttAckPacket
{
    public override MqttPacketType PacketType => MqttPacketType.PubRec;
}
