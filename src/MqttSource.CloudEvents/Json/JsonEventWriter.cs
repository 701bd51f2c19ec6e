using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using MqttSource.CloudEvents.Core;

namespace MqttSource.CloudEvents.Json;

/// <summary>Writes events in the JSON event format with <see cref="Utf8JsonWriter"/>; no reflection.</summary>
internal static class JsonEventWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Non-ASCII text is written as UTF-8 rather than \u escapes; the media type is not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>What an idle cached writer points at, so it keeps no caller's buffer alive.</summary>
    private static readonly ArrayBufferWriter<byte> NoDestination = new(1);

    /// <summary>One writer per thread, reused: a writer costs more to create than a small event costs to write.</summary>
    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    /// <summary>Writes with a reused writer; the writer is kept for the next call only if writing succeeded.</summary>
    public static void Write<TState>(IBufferWriter<byte> destination, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var writer = cachedWriter;
        cachedWriter = null;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(destination, Options);
        }
        else
        {
            writer.Reset(destination);
        }

        write(writer, state);
        writer.Flush();
        writer.Reset(NoDestination);
        cachedWriter = writer;
    }

    public static void WriteEvent(Utf8JsonWriter writer, CloudEvent cloudEvent)
    {
        cloudEvent.Validate();
        writer.WriteStartObject();
        writer.WriteString("specversion"u8, "1.0"u8);
        writer.WriteString("id"u8, cloudEvent.Id);
        writer.WriteString("source"u8, cloudEvent.Source!.OriginalString);
        writer.WriteString("type"u8, cloudEvent.Type);
        var contentType = cloudEvent.DataContentType;
        if (contentType is not null)
        {
            writer.WriteString("datacontenttype"u8, contentType);
        }

        if (cloudEvent.DataSchema is { } schema)
        {
            writer.WriteString("dataschema"u8, schema.OriginalString);
        }

        if (cloudEvent.Subject is { } subject)
        {
            writer.WriteString("subject"u8, subject);
        }

        if (cloudEvent.Time is { } time)
        {
            WriteTimestamp(writer, "time", time);
        }

        foreach (var (attribute, value) in cloudEvent.ExtensionSpan)
        {
            WriteExtension(writer, attribute, value);
        }

        if (cloudEvent.Data is { } data)
        {
            WriteData(writer, contentType, data.Span);
        }

        writer.WriteEndObject();
    }

    /// <summary>Whether bytes are one complete, valid JSON value in UTF-8.</summary>
    public static bool IsValidJson(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty || !Utf8.IsValid(json))
        {
            return false;
        }

        var reader = new Utf8JsonReader(json, JsonEventReader.ReaderOptions);
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

    private static void WriteData(Utf8JsonWriter writer, string? contentType, ReadOnlySpan<byte> data)
    {
        if (MediaTypes.IsJson(contentType) && IsValidJson(data))
        {
            writer.WritePropertyName("data"u8);
            writer.WriteRawValue(data, skipInputValidation: true);
        }
        else if (MediaTypes.IsText(contentType) && Utf8.IsValid(data))
        {
            writer.WriteString("data"u8, data);
        }
        else
        {
            writer.WriteBase64String("data_base64"u8, data);
        }
    }

    private static void WriteExtension(Utf8JsonWriter writer, CloudEventAttribute attribute, object value)
    {
        switch (attribute.Type.Kind)
        {
            case CloudEventAttributeTypeKind.String:
                writer.WriteString(attribute.Name, (string)value);
                break;
            case CloudEventAttributeTypeKind.Integer:
                writer.WriteNumber(attribute.Name, (int)value);
                break;
            case CloudEventAttributeTypeKind.Boolean:
                writer.WriteBoolean(attribute.Name, (bool)value);
                break;
            case CloudEventAttributeTypeKind.Binary:
                writer.WriteBase64String(attribute.Name, (byte[])value);
                break;
            case CloudEventAttributeTypeKind.Timestamp:
                WriteTimestamp(writer, attribute.Name, (DateTimeOffset)value);
                break;
            default:
                writer.WriteString(attribute.Name, ((Uri)value).OriginalString);
                break;
        }
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[Rfc3339.MaxLength];
        writer.WriteString(name, buffer[..Rfc3339.Format(value, buffer)]);
    }
}
