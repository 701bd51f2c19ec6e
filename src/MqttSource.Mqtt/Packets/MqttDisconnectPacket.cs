namespace MqttSource.Mqtt.Packets;

/// <summary>DISCONNECT (both directions in MQTT 5; client → server in 3.1.1).</summary>
public sealed class MqttDisconnectPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Disconnect;

    public MqttReasonCode ReasonCode { get; set; }

    /// <summary>MQTT 5 Session Expiry Interval to set at disconnect, or null (absent).</summary>
    public uint? SessionExpiryInterval { get; set; }

    public string? ReasonString { get; set; }

    public string? ServerReference { get; set; }

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
