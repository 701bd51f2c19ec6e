using System.Text.Json;
using System.Text.Unicode;

namespace MqttSource.CloudEvents.Json;

/// <summary>
/// Whether bytes are one complete JSON value in valid UTF-8 (RFC 8259; JSON whitespace around it). System.Text.Json has
/// no validation without exceptions, and an exception costs more than the rest of a delivery: telemetry that is plain
/// text ("0000000001 …", "ON", "21.5 C") or binary is refused by its first or last byte, a bare number or literal by the
/// grammar, and only text shaped like an object, array or string goes through the reader.
/// </summary>
internal static class JsonValidity
{
    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    public static bool IsValid(ReadOnlySpan<byte> data, JsonReaderOptions options)
    {
        var text = data.Trim(Whitespace);
        if (text.IsEmpty)
        {
            return false;
        }

        switch (text[0])
        {
            case (byte)'{' when text[^1] == (byte)'}':
            case (byte)'[' when text[^1] == (byte)']':
            case (byte)'"' when text.Length >= 2 && text[^1] == (byte)'"':
                return Utf8.IsValid(data) && ReadsToTheEnd(data, options);
            case (byte)'t':
                return text.SequenceEqual("true"u8);
            case (byte)'f':
                return text.SequenceEqual("false"u8);
            case (byte)'n':
                return text.SequenceEqual("null"u8);
            case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                return IsNumber(text);
            default:
                return false;
        }
    }

    /// <summary>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static bool IsNumber(ReadOnlySpan<byte> text)
    {
        var i = 0;
        if (text[i] == (byte)'-')
        {
            i++;
        }

        if (i == text.Length)
        {
            return false;
        }

        if (text[i] == (byte)'0')
        {
            i++;
        }
        else if (!Digits(text, ref i))
        {
            return false;
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>One or more digits at <paramref name="i"/>, moving past them.</summary>
    private static bool Digits(ReadOnlySpan<byte> text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
        {
            i++;
        }

        return i > start;
    }

    private static bool ReadsToTheEnd(ReadOnlySpan<byte> data, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(data, options);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
