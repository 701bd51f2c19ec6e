namespace MqttSource.Mqtt.Packets;

/// <summary>PINGRESP (server → client).</summary>
public sealed class MqttPingRespPacket : MqttPacket
{
    public static readonly MqttPingRespPacket Instance = new();

    public override MqttPacketType PacketType => MqttPacketType.PingResp;
}
