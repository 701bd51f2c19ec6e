using System.Buffers;
using System.Text.Json;

namespace MqttSource.CloudEvents.Json;

/// <summary>
/// The JSON event format (application/cloudevents+json) and JSON batch format
/// (application/cloudevents-batch+json). JSON data is written and read as raw bytes, so numbers and
/// text round-trip exactly.
/// </summary>
public sealed class JsonEventFormatter : CloudEventFormatter
{
    /// <summary>A shared instance; the formatter has no state.</summary>
    public static JsonEventFormatter Instance { get; } = new();

    /// <inheritdoc />
    public override string StructuredContentType => MediaTypes.CloudEventsJson;

    /// <inheritdoc />
    public override string BatchContentType => MediaTypes.CloudEventsBatchJson;

    /// <inheritdoc />
    public override void EncodeStructuredModeMessage(CloudEvent cloudEvent, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        JsonEventWriter.Write(destination, cloudEvent, JsonEventWriter.WriteEvent);
    }

    /// <inheritdoc />
    public override void EncodeBatchModeMessage(IReadOnlyList<CloudEvent> cloudEvents, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(cloudEvents);
        JsonEventWriter.Write(destination, cloudEvents, static (writer, events) =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < events.Count; i++)
            {
                JsonEventWriter.WriteEvent(writer, events[i]);
            }

            writer.WriteEndArray();
        });
    }

    /// <inheritdoc />
    public override CloudEvent DecodeStructuredModeMessage(ReadOnlySpan<byte> body, IEnumerable<CloudEventAttribute>? extensionAttributes = null)
    {
        var reader = new Utf8JsonReader(body, JsonEventReader.ReaderOptions);
        try
        {
            reader.Read();
            var cloudEvent = JsonEventReader.ReadEvent(ref reader, body, ToArray(extensionAttributes));
            reader.Read();
            return cloudEvent;
        }
        catch (JsonException ex)
        {
            throw MalformedJson(ex);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<CloudEvent> DecodeBatchModeMessage(ReadOnlySpan<byte> body, IEnumerable<CloudEventAttribute>? extensionAttributes = null)
    {
        var extensions = ToArray(extensionAttributes);
        var reader = new Utf8JsonReader(body, JsonEventReader.ReaderOptions);
        var events = new List<CloudEvent>();
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new CloudEventFormatException(
                    $"Invalid CloudEvents batch: a batch must be a JSON array, not {JsonEventReader.Describe(reader.TokenType)}.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                try
                {
                    events.Add(JsonEventReader.ReadEvent(ref reader, body, extensions));
                }
                catch (CloudEventFormatException ex)
                {
                    throw new CloudEventFormatException($"Invalid CloudEvents batch: member {events.Count}: {ex.Message}", ex);
                }
            }

            reader.Read();
            return events;
        }
        catch (JsonException ex)
        {
            throw MalformedJson(ex);
        }
    }

    private static CloudEventAttribute[]? ToArray(IEnumerable<CloudEventAttribute>? extensionAttributes) =>
        extensionAttributes is null ? null : extensionAttributes as CloudEventAttribute[] ?? [.. extensionAttributes];

    private static CloudEventFormatException MalformedJson(JsonException ex) =>
        new($"Invalid CloudEvent: the body is not valid JSON ({ex.Message}).", ex);
}
