namespace MqttSource.Mqtt.Packets;

/// <summary>PUBREL.</summary>
public sealed class MqttPubRelPacket : MqttAckPacket
{
    public override MqttPacketType PacketType => MqttPacketType.PubRel;
}
