using System.Text;

namespace MqttSource.EventDisplay.Output;

/// <summary>Appends bytes as a classic hex dump: offset, 16 bytes in hex, and their printable ASCII.</summary>
internal static class HexDump
{
    /// <summary>The most bytes dumped; the rest is summarized in one line.</summary>
    public const int MaxBytes = 4096;

    private const string Digits = "0123456789abcdef";

    /// <summary>Appends the dump; lines after the first start with <paramref name="linePrefix"/>.</summary>
    public static void Append(StringBuilder builder, ReadOnlySpan<byte> bytes, string linePrefix)
    {
        var shown = bytes[..Math.Min(bytes.Length, MaxBytes)];
        for (var offset = 0; offset < shown.Length; offset += 16)
        {
            if (offset > 0)
            {
                builder.Append('\n').Append(linePrefix);
            }

            var line = shown.Slice(offset, Math.Min(16, shown.Length - offset));
            AppendHex(builder, (uint)offset, 8);
            builder.Append("  ");
            for (var i = 0; i < 16; i++)
            {
                if (i == 8)
                {
                    builder.Append(' ');
                }

                if (i < line.Length)
                {
                    AppendHex(builder, line[i], 2);
                    builder.Append(' ');
                }
                else
                {
                    builder.Append("   ");
                }
            }

            builder.Append(" |");
            foreach (var b in line)
            {
                builder.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }

            builder.Append('|');
        }

        if (bytes.Length > shown.Length)
        {
            builder.Append('\n').Append(linePrefix).Append("... ").Append(bytes.Length - shown.Length).Append(" more bytes not shown");
        }
    }

    private static void AppendHex(StringBuilder builder, uint value, int digits)
    {
        for (var shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        {
            builder.Append(Digits[(int)((value >> shift) & 0xf)]);
        }
    }
}
