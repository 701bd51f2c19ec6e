using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace MqttSource.CloudEvents.Http;

/// <summary>
/// Percent-encoding of ce- header values (HTTP binding §3.1.3.2): space, '"', '%' and every character
/// outside U+0021–U+007E are written as the %XX of their UTF-8 bytes.
/// </summary>
internal static class HttpHeaderValueEncoding
{
    private static readonly SearchValues<char> Unencoded = SearchValues.Create(
        "!#$&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> RawAllowed = SearchValues.Create(
        " !\"#$&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Encodes a value; returns the same string when nothing needs encoding.</summary>
    public static string Encode(string value)
    {
        var first = value.AsSpan().IndexOfAnyExcept(Unencoded);
        if (first < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        builder.Append(value, 0, first);
        Span<byte> utf8 = stackalloc byte[4];
        var rest = value.AsSpan(first);
        while (!rest.IsEmpty)
        {
            Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            if (rune.IsAscii && Unencoded.Contains((char)rune.Value))
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    builder.Append('%').Append(HexUpper(b >> 4)).Append(HexUpper(b & 0xF));
                }
            }

            rest = rest[consumed..];
        }

        return builder.ToString();
    }

    /// <summary>
    /// Decodes a value: %XX escapes (either case of hex) become bytes, which must be valid UTF-8.
    /// Unencoded characters must be printable ASCII (a space or a '"' is tolerated).
    /// </summary>
    public static bool TryDecode(string value, [NotNullWhen(true)] out string? decoded, [NotNullWhen(false)] out string? error)
    {
        decoded = null;
        var invalid = value.AsSpan().IndexOfAnyExcept(RawAllowed);
        if (invalid < 0)
        {
            decoded = value;
            error = null;
            return true;
        }

        if (value[invalid] != '%')
        {
            error = $"character U+{(int)value[invalid]:X4} must be percent-encoded";
            return false;
        }

        var rented = ArrayPool<byte>.Shared.Rent(value.Length);
        try
        {
            var length = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '%')
                {
                    if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
                    {
                        error = $"invalid percent-escape at position {i} (expected %XX with two hex digits)";
                        return false;
                    }

                    rented[length++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                    i += 2;
                }
                else if (RawAllowed.Contains(c))
                {
                    rented[length++] = (byte)c;
                }
                else
                {
                    error = $"character U+{(int)c:X4} must be percent-encoded";
                    return false;
                }
            }

            var bytes = rented.AsSpan(0, length);
            if (!Utf8.IsValid(bytes))
            {
                error = "the percent-encoded bytes are not valid UTF-8";
                return false;
            }

            decoded = Encoding.UTF8.GetString(bytes);
            error = null;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static char HexUpper(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
