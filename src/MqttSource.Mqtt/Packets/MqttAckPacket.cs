namespace MqttSource.Mqtt.Packets;

/// <summary>Common shape of PUBACK, PUBREC, PUBREL and PUBCOMP.</summary>
public abstract class MqttAckPacket : MqttPacket
{
    public ushort PacketIdentifier { get; set; }

    /// <summary>MQTT 5 reason code (always Success in 3.1.1).</summary>
    public MqttReasonCode ReasonCode { get; set; }

    public string? ReasonString { get; set; }

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
