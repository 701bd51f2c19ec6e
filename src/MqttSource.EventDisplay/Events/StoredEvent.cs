using System.Buffers;
using System.Text.Json;
using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Json;

namespace MqttSource.EventDisplay.Events;

/// <summary>An event kept in the history, numbered in arrival order.</summary>
internal sealed class StoredEvent(long sequence, DateTimeOffset receivedAt, CloudEvent cloudEvent)
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private byte[]? streamMessage;

    /// <summary>The arrival number, from 1; also the Server-Sent Events id.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>When event-display received it.</summary>
    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>The event.</summary>
    public CloudEvent Event { get; } = cloudEvent;

    /// <summary>What the event costs the history: its data plus a fixed allowance for attributes.</summary>
    public long Size { get; } = 512 + ((cloudEvent.Data as byte[])?.Length ?? 0);

    /// <summary>
    /// The live page's message: <c>{"seq":…,"received":"…","event":{structured event}}</c> in UTF-8.
    /// Made once, when first asked for, and shared by every client.
    /// </summary>
    public byte[] GetStreamMessage()
    {
        return streamMessage ??= Create();

        byte[] Create()
        {
            var eventJson = RawJsonEventFormatter.Instance.EncodeStructuredModeMessage(Event, out _);
            var message = new ArrayBufferWriter<byte>(eventJson.Length + 64);
            using (var writer = new Utf8JsonWriter(message, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteNumber("seq"u8, Sequence);
                writer.WriteString("received"u8, ReceivedAt);
                writer.WritePropertyName("event"u8);
                writer.WriteRawValue(eventJson.Span, skipInputValidation: true);
                writer.WriteEndObject();
            }

            return message.WrittenSpan.ToArray();
        }
    }
}
