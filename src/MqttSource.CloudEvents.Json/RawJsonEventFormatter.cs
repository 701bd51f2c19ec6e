using System.Net.Mime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;
using CloudNative.CloudEvents.SystemTextJson;

namespace MqttSource.CloudEvents.Json;

/// <summary>
/// The SDK's JSON event format (<see cref="JsonEventFormatter"/>), told to keep event data as its raw bytes: a
/// <see cref="CloudEvent.Data"/> of this formatter is a <c>byte[]</c> described by <see cref="CloudEvent.DataContentType"/>.
/// <list type="bullet">
/// <item>Structured mode writes JSON data inline, verbatim (never base64), text as a JSON string, anything else (or
/// bytes that are not what their content type says, or the JSON value <c>null</c>, which inline would read back as no
/// data) as <c>data_base64</c>; the SDK alone would base64 every byte array.</item>
/// <item>Reading keeps JSON data as the exact bytes it had (numbers and escapes unchanged) and text as UTF-8 bytes;
/// the SDK alone would make a <see cref="JsonElement"/> or a string.</item>
/// <item>Binary mode writes and reads the bytes as they are.</item>
/// <item>Unknown extensions keep their JSON type (Integer, Boolean) instead of becoming strings.</item>
/// <item>Data without a content type is described by the same rule as a wrapped MQTT payload: application/json for
/// valid JSON, else application/octet-stream (the SDK refuses to send bytes without a content type in binary mode).</item>
/// <item>Malformed input throws <see cref="InvalidCloudEventException"/> with one sentence for the sender; a batch
/// error names the member. JSON may nest <see cref="CloudEventData.MaxJsonDepth"/> deep and must not repeat a member.</item>
/// </list>
/// Attribute parsing, validation and the wire layout stay the SDK's. Non-ASCII text is written as UTF-8, not escaped.
/// </summary>
public sealed class RawJsonEventFormatter : JsonEventFormatter
{
    private static readonly JsonSerializerOptions WriterSettings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonDocumentOptions ReaderSettings = new() { MaxDepth = CloudEventData.MaxJsonDepth, AllowDuplicateProperties = false };

    /// <summary>Creates the formatter; it has no state, so <see cref="Instance"/> serves everywhere.</summary>
    public RawJsonEventFormatter()
        : base(WriterSettings, ReaderSettings)
    {
    }

    /// <summary>A shared instance.</summary>
    public static RawJsonEventFormatter Instance { get; } = new();

    /// <summary>The content type of one structured-mode event: application/cloudevents+json.</summary>
    public static string StructuredMediaType { get; } = MimeUtilities.MediaType + "+json";

    /// <summary>The content type of a batch: application/cloudevents-batch+json.</summary>
    public static string BatchMediaType { get; } = MimeUtilities.BatchMediaType + "+json";

    /// <inheritdoc />
    public override CloudEvent DecodeStructuredModeMessage(ReadOnlyMemory<byte> body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        using var document = Parse(body, contentType);
        return DecodeEvent(document.RootElement, extensionAttributes);
    }

    /// <inheritdoc />
    public override CloudEvent DecodeStructuredModeMessage(Stream body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes) =>
        DecodeStructuredModeMessage(BinaryDataUtilities.ToReadOnlyMemory(body), contentType, extensionAttributes);

    /// <inheritdoc />
    public override async Task<CloudEvent> DecodeStructuredModeMessageAsync(Stream body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes) =>
        DecodeStructuredModeMessage(await BinaryDataUtilities.ToReadOnlyMemoryAsync(body).ConfigureAwait(false), contentType, extensionAttributes);

    /// <inheritdoc />
    public override IReadOnlyList<CloudEvent> DecodeBatchModeMessage(ReadOnlyMemory<byte> body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        using var document = Parse(body, contentType);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidCloudEventException($"Invalid CloudEvents batch: a batch must be a JSON array, not {Describe(root.ValueKind)}.");
        }

        var events = new List<CloudEvent>(root.GetArrayLength());
        foreach (var element in root.EnumerateArray())
        {
            try
            {
                events.Add(DecodeEvent(element, extensionAttributes));
            }
            catch (InvalidCloudEventException ex)
            {
                throw new InvalidCloudEventException($"Invalid CloudEvents batch: member {events.Count}: {ex.Message}", ex);
            }
        }

        return events;
    }

    /// <inheritdoc />
    public override IReadOnlyList<CloudEvent> DecodeBatchModeMessage(Stream body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes) =>
        DecodeBatchModeMessage(BinaryDataUtilities.ToReadOnlyMemory(body), contentType, extensionAttributes);

    /// <inheritdoc />
    public override async Task<IReadOnlyList<CloudEvent>> DecodeBatchModeMessageAsync(Stream body, ContentType? contentType, IEnumerable<CloudEventAttribute>? extensionAttributes) =>
        DecodeBatchModeMessage(await BinaryDataUtilities.ToReadOnlyMemoryAsync(body).ConfigureAwait(false), contentType, extensionAttributes);

    /// <summary>Binary mode: the body is the data, as it is; an empty body is no data.</summary>
    /// <param name="body">The message body.</param>
    /// <param name="cloudEvent">The event whose data to set.</param>
    public override void DecodeBinaryModeEventData(ReadOnlyMemory<byte> body, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        cloudEvent.Data = body.IsEmpty ? null : body.ToArray();
    }

    /// <summary>Binary mode: the data bytes as they are (the caller validated the event).</summary>
    /// <param name="cloudEvent">The event.</param>
    public override ReadOnlyMemory<byte> EncodeBinaryModeEventData(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent.Data switch
        {
            null => ReadOnlyMemory<byte>.Empty,
            byte[] bytes => bytes,
            string text => Encoding.UTF8.GetBytes(text),
            JsonElement element => JsonMarshal.GetRawUtf8Value(element).ToArray(),
            var other => throw UnsupportedData(other),
        };
    }

    /// <summary>Data without a datacontenttype: bytes by the wrapping rule (JSON or octet-stream), a string as text, a <see cref="JsonElement"/> as JSON.</summary>
    /// <param name="data">The data.</param>
    protected override string? InferDataContentType(object data) => data switch
    {
        byte[] bytes => CloudEventData.InferContentType(bytes),
        string => "text/plain; charset=utf-8",
        JsonElement => CloudEventData.JsonMediaType,
        _ => null,
    };

    /// <summary>Structured mode: JSON data inline and verbatim, text as a string, anything else as data_base64.</summary>
    /// <param name="cloudEvent">The event; its data is not null.</param>
    /// <param name="writer">The writer, inside the event's object.</param>
    protected override void EncodeStructuredModeData(CloudEvent cloudEvent, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        ArgumentNullException.ThrowIfNull(writer);
        switch (cloudEvent.Data)
        {
            case byte[] bytes:
                WriteBytes(writer, GetOrInferDataContentType(cloudEvent), bytes);
                break;
            case string text:
                WriteBytes(writer, GetOrInferDataContentType(cloudEvent), Encoding.UTF8.GetBytes(text));
                break;
            case JsonElement element:
                writer.WritePropertyName(DataPropertyName);
                element.WriteTo(writer);
                break;
            case var other:
                throw UnsupportedData(other!);
        }
    }

    /// <summary>Reads "data": the raw bytes of a JSON value for JSON content types, else the UTF-8 bytes of a JSON string.</summary>
    /// <param name="dataElement">The "data" member.</param>
    /// <param name="cloudEvent">The event; the SDK has set application/json as its content type when it had none.</param>
    protected override void DecodeStructuredModeDataProperty(JsonElement dataElement, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var contentType = cloudEvent.DataContentType;
        if (CloudEventData.IsJsonMediaType(contentType))
        {
            cloudEvent.Data = JsonMarshal.GetRawUtf8Value(dataElement).ToArray();
        }
        else if (dataElement.ValueKind == JsonValueKind.String)
        {
            cloudEvent.Data = Encoding.UTF8.GetBytes(dataElement.GetString()!);
        }
        else
        {
            throw new InvalidCloudEventException(
                $"Invalid CloudEvent: 'data' must be a JSON string when datacontenttype is '{contentType}', not {Describe(dataElement.ValueKind)} (binary data goes in data_base64).");
        }
    }

    /// <summary>Reads "data_base64", saying so when it is not base64 (the SDK's own message would not).</summary>
    /// <param name="dataBase64Element">The "data_base64" member.</param>
    /// <param name="cloudEvent">The event whose data to set.</param>
    protected override void DecodeStructuredModeDataBase64Property(JsonElement dataBase64Element, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (dataBase64Element.ValueKind == JsonValueKind.String && !dataBase64Element.TryGetBytesFromBase64(out _))
        {
            throw new InvalidCloudEventException("Invalid CloudEvent: 'data_base64' is not valid base64.");
        }

        base.DecodeStructuredModeDataBase64Property(dataBase64Element, cloudEvent);
    }

    private static void WriteBytes(Utf8JsonWriter writer, string? contentType, byte[] bytes)
    {
        // JSON null inline would read back as no data at all, so those four bytes go as data_base64 too.
        if (CloudEventData.IsJsonMediaType(contentType) && CloudEventData.IsValidJson(bytes) && !bytes.AsSpan().Trim(" \t\r\n"u8).SequenceEqual("null"u8))
        {
            writer.WritePropertyName(DataPropertyName);
            writer.WriteRawValue(bytes, skipInputValidation: true);
        }
        else if (CloudEventData.IsTextMediaType(contentType) && Utf8.IsValid(bytes))
        {
            writer.WriteString(DataPropertyName, bytes);
        }
        else
        {
            writer.WriteBase64String(DataBase64PropertyName, bytes);
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body, ContentType? contentType)
    {
        try
        {
            var encoding = MimeUtilities.GetEncoding(contentType);
            if (encoding is not UTF8Encoding)
            {
                return JsonDocument.Parse(encoding.GetString(body.Span), ReaderSettings);
            }

            // The reader checks UTF-8 only where it decodes strings; raw JSON data would carry invalid bytes through.
            return Utf8.IsValid(body.Span)
                ? JsonDocument.Parse(body, ReaderSettings)
                : throw new InvalidCloudEventException("Invalid CloudEvent: the body is not valid UTF-8.");
        }
        catch (JsonException ex)
        {
            throw new InvalidCloudEventException($"Invalid CloudEvent: the body is not valid JSON ({ErrorText.Describe(ex)}).", ex);
        }
        catch (ArgumentException ex) when (ex is not InvalidCloudEventException)
        {
            throw new InvalidCloudEventException($"Invalid CloudEvent: unsupported charset '{contentType?.CharSet}'.", ex);
        }
    }

    private CloudEvent DecodeEvent(JsonElement element, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidCloudEventException($"Invalid CloudEvent: a CloudEvent must be a JSON object, not {Describe(element.ValueKind)}.");
        }

        try
        {
            return ConvertFromJsonElement(element, JsonExtensionTypes.With(element, extensionAttributes));
        }
        catch (Exception ex) when (ex is not InvalidCloudEventException && ErrorText.IsInvalidInput(ex))
        {
            throw new InvalidCloudEventException(ErrorText.InvalidCloudEvent(ex), ex);
        }
    }

    /// <summary>A JSON value kind in words: "an object", "a number"…</summary>
    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static ArgumentException UnsupportedData(object data) =>
        new($"{nameof(RawJsonEventFormatter)} carries data as byte[] (or a string or JsonElement), not {data.GetType().Name}.", nameof(data));
}
