namespace MqttSource.Mqtt.Packets;

/// <summary>PUBCOMP.</summary>
public sealed class MqttPubCompPacket : MqttAckPacket
{
    public override MqttPacketType PacketType => MqttPacketType.PubComp;
}
