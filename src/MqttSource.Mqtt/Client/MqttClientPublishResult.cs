namespace MqttSource.Mqtt.Client;

/// <summary>The outcome of a publish: the broker's reason code (Success for QoS 0 and for 3.1.1).</summary>
/// <param name="PacketIdentifier">0 for QoS 0.</param>
/// <param name="ReasonCode">PUBACK / PUBREC reason code.</param>
/// <param name="ReasonString">MQTT 5 reason string, or null.</param>
public sealed record MqttClientPublishResult(ushort PacketIdentifier, MqttReasonCode ReasonCode, string? ReasonString)
{
    /// <summary>Whether the broker accepted the message.</summary>
    public bool IsSuccess => (byte)ReasonCode < 0x80;
}
