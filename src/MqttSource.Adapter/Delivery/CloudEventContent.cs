using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using MqttSource.CloudEvents.Json;

namespace MqttSource.Adapter.Delivery;

/// <summary>
/// The body and headers of a request to the sink (PRODUCT.md §4.3), from the CloudEvents SDK with
/// <see cref="RawJsonEventFormatter"/>. Binary mode is the SDK's HTTP binding as it is: ce- headers percent-encoded,
/// Content-Type = datacontenttype, the data bytes as the body, not copied. Structured mode is the formatter's encoding
/// with its Content-Type only: the SDK's binding would add every attribute as a ce- header too, which the HTTP binding
/// does not ask for (receivers ignore them in structured mode), which doubles the request's metadata, and which costs
/// the header encoding of binary mode on top of the JSON.
/// </summary>
internal static class CloudEventContent
{
    private static readonly RawJsonEventFormatter Formatter = RawJsonEventFormatter.Instance;

    private static readonly string StructuredContentType = RawJsonEventFormatter.StructuredMediaType + "; charset=utf-8";

    /// <summary>The request content of an event in the given mode.</summary>
    /// <exception cref="ArgumentException">The event is invalid or its data cannot be encoded.</exception>
    public static HttpContent Create(CloudEvent cloudEvent, ContentMode contentMode)
    {
        if (contentMode == ContentMode.Binary)
        {
            return cloudEvent.ToHttpContent(ContentMode.Binary, Formatter);
        }

        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", StructuredContentType);
        return content;
    }
}
