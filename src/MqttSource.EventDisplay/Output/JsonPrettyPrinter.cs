using System.Text;
using System.Text.Json;

namespace MqttSource.EventDisplay.Output;

/// <summary>
/// Indents JSON like Go's <c>json.Indent(dst, src, prefix, "  ")</c>: tokens are copied as they are
/// (strings keep their escapes, numbers their digits), empty containers stay <c>{}</c>/<c>[]</c>.
/// Iterative, so deep nesting costs no stack; deeper than <see cref="MaxDepth"/> is not pretty-printed.
/// </summary>
internal static class JsonPrettyPrinter
{
    /// <summary>The deepest nesting pretty-printed.</summary>
    public const int MaxDepth = 64;

    private const string Indent = "  ";

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Appends the indented JSON; returns false, appending nothing, when the bytes are not one valid JSON value.</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="linePrefix">Written at the start of every line but the first.</param>
    public static bool TryAppend(StringBuilder builder, ReadOnlySpan<byte> json, string linePrefix)
    {
        var start = builder.Length;
        try
        {
            Append(builder, json, linePrefix);
            return true;
        }
        catch (JsonException)
        {
            builder.Length = start;
            return false;
        }
    }

    private static void Append(StringBuilder builder, ReadOnlySpan<byte> json, string linePrefix)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        bool afterOpen = false, afterName = false;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                if (!afterOpen)
                {
                    NewLine(builder, linePrefix, reader.CurrentDepth);
                }

                builder.Append(token == JsonTokenType.EndObject ? '}' : ']');
                afterOpen = false;
                continue;
            }

            if (afterName)
            {
                afterName = false;
            }
            else if (afterOpen)
            {
                NewLine(builder, linePrefix, reader.CurrentDepth);
            }
            else if (reader.CurrentDepth > 0)
            {
                builder.Append(',');
                NewLine(builder, linePrefix, reader.CurrentDepth);
            }

            afterOpen = false;
            switch (token)
            {
                case JsonTokenType.StartObject:
                    builder.Append('{');
                    afterOpen = true;
                    break;
                case JsonTokenType.StartArray:
                    builder.Append('[');
                    afterOpen = true;
                    break;
                case JsonTokenType.PropertyName:
                    AppendString(builder, reader.ValueSpan);
                    builder.Append(": ");
                    afterName = true;
                    break;
                case JsonTokenType.String:
                    AppendString(builder, reader.ValueSpan);
                    break;
                default:
                    SafeText.AppendUtf8(builder, reader.ValueSpan, null);
                    break;
            }
        }
    }

    private static void AppendString(StringBuilder builder, ReadOnlySpan<byte> escaped)
    {
        builder.Append('"');
        SafeText.AppendUtf8(builder, escaped, null);
        builder.Append('"');
    }

    private static void NewLine(StringBuilder builder, string linePrefix, int depth)
    {
        builder.Append('\n').Append(linePrefix);
        for (var i = 0; i < depth; i++)
        {
            builder.Append(Indent);
        }
    }
}
