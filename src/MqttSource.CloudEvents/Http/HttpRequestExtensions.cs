using Microsoft.AspNetCore.Http;

namespace MqttSource.CloudEvents.Http;

/// <summary>The HTTP protocol binding for ASP.NET Core: reading events from an incoming request.</summary>
public static class HttpRequestExtensions
{
    /// <summary>
    /// Reads the events of a request: structured (application/cloudevents+json), batch
    /// (application/cloudevents-batch+json) or binary (ce- headers). Never throws for bad input: the
    /// result carries the status to answer with (400, 413 or 415) and a message for the sender.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="formatter">The event format for structured mode and batches.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    /// <param name="maxBodySize">The largest body accepted; larger ones give 413.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<CloudEventReadResult> ReadCloudEventsAsync(
        this HttpRequest request,
        CloudEventFormatter formatter,
        IEnumerable<CloudEventAttribute>? extensionAttributes = null,
        long maxBodySize = HttpClientExtensions.DefaultMaxBodySize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(formatter);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            if (!HttpMessageDecoder.TryAddHeader(headers, name, values.Count, values.Count == 1 ? values[0] : null, out var error))
            {
                return CloudEventReadResult.Failure(HttpMessageDecoder.BadRequest, error);
            }
        }

        using var body = await HttpBodyReader.ReadAsync(request.Body, request.ContentLength, maxBodySize, cancellationToken).ConfigureAwait(false);
        return body is null
            ? HttpBodyReader.TooLarge(maxBodySize)
            : HttpMessageDecoder.Decode(request.ContentType, headers, body.WrittenMemory, bodyIsBorrowed: true, formatter, extensionAttributes);
    }

    /// <summary>Reads the single event of a binary or structured request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="formatter">The event format for structured mode.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="CloudEventFormatException">The request is not one valid event.</exception>
    public static async Task<CloudEvent> ToCloudEventAsync(
        this HttpRequest request,
        CloudEventFormatter formatter,
        IEnumerable<CloudEventAttribute>? extensionAttributes = null,
        CancellationToken cancellationToken = default) =>
        (await request.ReadCloudEventsAsync(formatter, extensionAttributes, cancellationToken: cancellationToken).ConfigureAwait(false)).GetSingleEvent();

    /// <summary>Whether the request's Content-Type says it is a CloudEvents batch.</summary>
    /// <param name="request">The request.</param>
    public static bool IsCloudEventBatch(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MediaTypes.IsCloudEventsBatch(request.ContentType);
    }
}
