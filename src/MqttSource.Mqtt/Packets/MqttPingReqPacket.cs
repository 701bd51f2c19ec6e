namespace MqttSource.Mqtt.Packets;

/// <summary>PINGREQ (client → server).</summary>
public sealed class MqttPingReqPacket : MqttPacket
{
    public static readonly MqttPingReqPacket Instance = new();

    public override MqttPacketType PacketType => MqttPacketType.PingReq;
}
