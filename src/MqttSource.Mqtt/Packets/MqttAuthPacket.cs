namespace MqttSource.Mqtt.Packets;

/// <summary>AUTH (MQTT 5 only, both directions).</summary>
public sealed class MqttAuthPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Auth;

    public MqttReasonCode ReasonCode { get; set; }

    public string? AuthenticationMethod { get; set; }

    public ReadOnlyMemory<byte>? AuthenticationData { get; set; }

    public string? ReasonString { get; set; }

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
