using System.Buffers;
using System.Globalization;
using System.Text;

namespace MqttSource.EventDisplay.Output;

/// <summary>
/// Appends untrusted text so that it cannot drive a terminal or fake layout: control characters (C0, DEL,
/// C1) and bidirectional overrides become <c>\uXXXX</c> escapes; line breaks are kept (indented) only
/// where the caller allows them.
/// </summary>
internal static class SafeText
{
    /// <summary>Appends text on one line: every control character, line breaks included, is escaped.</summary>
    public static void AppendLine(StringBuilder builder, ReadOnlySpan<char> text) => Append(builder, text, null);

    /// <summary>Appends text, keeping line breaks and tabs; each new line starts with <paramref name="linePrefix"/>.</summary>
    public static void AppendMultiline(StringBuilder builder, ReadOnlySpan<char> text, string linePrefix) => Append(builder, text, linePrefix);

    /// <summary>Appends UTF-8 text (which must be valid) the way <see cref="Append"/> does.</summary>
    public static void AppendUtf8(StringBuilder builder, ReadOnlySpan<byte> utf8, string? linePrefix)
    {
        if (utf8.Length <= 256)
        {
            Span<char> chars = stackalloc char[256];
            var count = Encoding.UTF8.GetChars(utf8, chars);
            Append(builder, chars[..count], linePrefix);
            return;
        }

        var rented = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        try
        {
            var count = Encoding.UTF8.GetChars(utf8, rented);
            Append(builder, rented.AsSpan(0, count), linePrefix);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Whether the text has no character <see cref="Append"/> would escape, line breaks and tabs aside.</summary>
    public static bool IsPrintable(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (NeedsEscape(c) && c is not ('\n' or '\r' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text on one line, escaped.</summary>
    public static string ToOneLine(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001f') && IsPrintable(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        AppendLine(builder, text);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ReadOnlySpan<char> text, string? linePrefix)
    {
        while (!text.IsEmpty)
        {
            var safe = 0;
            while (safe < text.Length && !NeedsEscape(text[safe]))
            {
                safe++;
            }

            builder.Append(text[..safe]);
            if (safe == text.Length)
            {
                return;
            }

            var c = text[safe];
            text = text[(safe + 1)..];
            if (linePrefix is not null)
            {
                if (c == '\r' && !text.IsEmpty && text[0] == '\n')
                {
                    continue;
                }

                if (c is '\n' or '\r')
                {
                    builder.Append('\n').Append(linePrefix);
                    continue;
                }

                if (c == '\t')
                {
                    builder.Append('\t');
                    continue;
                }
            }

            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
            };
        }
    }

    private static bool NeedsEscape(char c) =>
        c < ' ' || (c >= '\u007f' && c <= '\u009f') || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
}
