using System.Text;

namespace MqttSource.Mqtt.Formatting;

/// <summary>Strict UTF-8 for MQTT strings: invalid sequences, surrogates and U+0000 are rejected both ways.</summary>
internal static class MqttUtf8
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes a received UTF-8 string field.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.Contains((byte)0))
        {
            MqttThrow.Malformed("UTF-8 string contains U+0000.");
        }

        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MqttProtocolViolationException("Invalid UTF-8 in a string field.", ex) { ReasonCode = MqttReasonCode.MalformedPacket };
        }
    }

    /// <summary>The encoded size of a string field (2-byte length prefix included).</summary>
    public static int GetFieldSize(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            MqttThrow.CannotEncode("A string field must not contain U+0000.");
        }

        int count;
        try
        {
            count = Strict.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new MqttProtocolViolationException("A string field is not valid UTF-16 (lone surrogate).", ex) { ReasonCode = MqttReasonCode.ProtocolError };
        }

        if (count > ushort.MaxValue)
        {
            MqttThrow.CannotEncode($"A string field of {count} UTF-8 bytes exceeds 65,535 bytes.");
        }

        return 2 + count;
    }

    /// <summary>Writes the UTF-8 bytes of an already measured string; returns the byte count.</summary>
    public static int Encode(string value, Span<byte> destination) => Strict.GetBytes(value, destination);
}
