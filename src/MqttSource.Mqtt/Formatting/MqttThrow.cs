using System.Diagnostics.CodeAnalysis;

namespace MqttSource.Mqtt.Formatting;

/// <summary>Throw helpers for the codec, kept out of line so the hot paths stay small.</summary>
internal static class MqttThrow
{
    [DoesNotReturn]
    public static void Malformed(string message) =>
        throw new MqttProtocolViolationException(message) { ReasonCode = MqttReasonCode.MalformedPacket };

    [DoesNotReturn]
    public static void ProtocolError(string message) =>
        throw new MqttProtocolViolationException(message) { ReasonCode = MqttReasonCode.ProtocolError };

    [DoesNotReturn]
    public static void PacketTooLarge(long size, uint maximum) =>
        throw new MqttProtocolViolationException($"Packet of {size} bytes exceeds the maximum packet size of {maximum} bytes.")
        {
            ReasonCode = MqttReasonCode.PacketTooLarge,
        };

    /// <summary>Something about a packet to be sent cannot be expressed on the wire.</summary>
    [DoesNotReturn]
    public static void CannotEncode(string message) =>
        throw new MqttProtocolViolationException(message) { ReasonCode = MqttReasonCode.ProtocolError };
}
