namespace MqttSource.Mqtt.Formatting;

/// <summary>The MQTT Variable Byte Integer: 7 bits per byte, at most 4 bytes, at most 268,435,455.</summary>
internal static class MqttVariableByteInteger
{
    public const uint MaxValue = 268_435_455;

    public static int GetSize(uint value)
    {
        if (value > MaxValue)
        {
            MqttThrow.CannotEncode($"{value} does not fit a variable byte integer (max {MaxValue}).");
        }

        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    public static int Write(uint value, Span<byte> destination)
    {
        var i = 0;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0)
            {
                b |= 0x80;
            }

            destination[i++] = b;
        }
        while (value != 0);

        return i;
    }

    /// <summary>
    /// Reads a variable byte integer from the start of <paramref name="source"/>. Returns false when the source
    /// ends before the last byte; throws for a fifth continuation byte.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out uint value, out int size)
    {
        value = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i >= source.Length)
            {
                size = 0;
                return false;
            }

            var b = source[i];
            value |= (uint)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                size = i + 1;
                return true;
            }
        }

        MqttThrow.Malformed("Variable byte integer longer than 4 bytes.");
        size = 0;
        return false;
    }
}
