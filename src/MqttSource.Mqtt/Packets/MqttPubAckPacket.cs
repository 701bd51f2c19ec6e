namespace MqttSource.Mqtt.Packets;

/// <summary>PUBACK.</summary>
public sealed class MqttPubAckPacket : MqttAckPacket
{
    public override MqttPacketType PacketType => MqttPacketType.PubAck;
}
