using System.Buffers;

namespace MqttSource.CloudEvents;

/// <summary>An event format: encodes and decodes whole events (structured mode) and batches.</summary>
public abstract class CloudEventFormatter
{
    /// <summary>The content type of one encoded event, like application/cloudevents+json.</summary>
    public abstract string StructuredContentType { get; }

    /// <summary>The content type of an encoded batch, like application/cloudevents-batch+json.</summary>
    public abstract string BatchContentType { get; }

    /// <summary>Encodes one event into a buffer.</summary>
    /// <param name="cloudEvent">The event; it must be valid.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <exception cref="InvalidOperationException">Required attributes are missing.</exception>
    public abstract void EncodeStructuredModeMessage(CloudEvent cloudEvent, IBufferWriter<byte> destination);

    /// <summary>Decodes one event.</summary>
    /// <param name="body">The encoded event.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    /// <exception cref="CloudEventFormatException">The body is not a valid event.</exception>
    public abstract CloudEvent DecodeStructuredModeMessage(ReadOnlySpan<byte> body, IEnumerable<CloudEventAttribute>? extensionAttributes = null);

    /// <summary>Encodes a batch of events into a buffer.</summary>
    /// <param name="cloudEvents">The events; each must be valid.</param>
    /// <param name="destination">Where the bytes go.</param>
    public abstract void EncodeBatchModeMessage(IReadOnlyList<CloudEvent> cloudEvents, IBufferWriter<byte> destination);

    /// <summary>Decodes a batch of events.</summary>
    /// <param name="body">The encoded batch.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    /// <exception cref="CloudEventFormatException">The body is not a valid batch.</exception>
    public abstract IReadOnlyList<CloudEvent> DecodeBatchModeMessage(ReadOnlySpan<byte> body, IEnumerable<CloudEventAttribute>? extensionAttributes = null);

    /// <summary>Encodes one event into a new array.</summary>
    /// <param name="cloudEvent">The event; it must be valid.</param>
    public byte[] EncodeStructuredModeMessage(CloudEvent cloudEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        EncodeStructuredModeMessage(cloudEvent, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes a batch into a new array.</summary>
    /// <param name="cloudEvents">The events; each must be valid.</param>
    public byte[] EncodeBatchModeMessage(IReadOnlyList<CloudEvent> cloudEvents)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        EncodeBatchModeMessage(cloudEvents, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
