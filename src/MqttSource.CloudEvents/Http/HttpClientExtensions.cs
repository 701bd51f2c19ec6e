using MqttSource.CloudEvents.Core;

namespace MqttSource.CloudEvents.Http;

/// <summary>The HTTP protocol binding for <see cref="HttpClient"/>: events to <see cref="HttpContent"/> and back.</summary>
public static class HttpClientExtensions
{
    /// <summary>The default largest body read: 1 MiB (the spec asks receivers to take at least 64 KiB).</summary>
    public const long DefaultMaxBodySize = 1024 * 1024;

    /// <summary>
    /// Encodes an event as HTTP content. Binary mode: data as the body, Content-Type = datacontenttype,
    /// other attributes as percent-encoded ce- headers on the content. Structured mode: the formatter's
    /// encoding in a pooled buffer (returned to the pool when the content is disposed).
    /// </summary>
    /// <param name="cloudEvent">The event; it must be valid.</param>
    /// <param name="contentMode">Binary or structured.</param>
    /// <param name="formatter">The event format for structured mode.</param>
    /// <exception cref="InvalidOperationException">Required attributes are missing.</exception>
    public static HttpContent ToHttpContent(this CloudEvent cloudEvent, ContentMode contentMode, CloudEventFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        ArgumentNullException.ThrowIfNull(formatter);
        cloudEvent.Validate();
        if (contentMode == ContentMode.Structured)
        {
            var buffer = new PooledBufferWriter(512);
            formatter.EncodeStructuredModeMessage(cloudEvent, buffer);
            return WithContentType(new PooledByteArrayContent(buffer), formatter.StructuredContentType);
        }

        var content = new ReadOnlyMemoryContent(cloudEvent.Data ?? ReadOnlyMemory<byte>.Empty);
        var headers = content.Headers;
        var spec = cloudEvent.SpecVersion;
        headers.TryAddWithoutValidation(spec.SpecVersionAttribute.HttpHeaderName, spec.VersionId);
        headers.TryAddWithoutValidation(spec.IdAttribute.HttpHeaderName, HttpHeaderValueEncoding.Encode(cloudEvent.Id!));
        headers.TryAddWithoutValidation(spec.SourceAttribute.HttpHeaderName, HttpHeaderValueEncoding.Encode(cloudEvent.Source!.OriginalString));
        headers.TryAddWithoutValidation(spec.TypeAttribute.HttpHeaderName, HttpHeaderValueEncoding.Encode(cloudEvent.Type!));
        if (cloudEvent.DataSchema is { } schema)
        {
            headers.TryAddWithoutValidation(spec.DataSchemaAttribute.HttpHeaderName, HttpHeaderValueEncoding.Encode(schema.OriginalString));
        }

        if (cloudEvent.Subject is { } subject)
        {
            headers.TryAddWithoutValidation(spec.SubjectAttribute.HttpHeaderName, HttpHeaderValueEncoding.Encode(subject));
        }

        if (cloudEvent.Time is { } time)
        {
            headers.TryAddWithoutValidation(spec.TimeAttribute.HttpHeaderName, Rfc3339.Format(time));
        }

        foreach (var (attribute, value) in cloudEvent.ExtensionSpan)
        {
            headers.TryAddWithoutValidation(attribute.HttpHeaderName, HttpHeaderValueEncoding.Encode(attribute.Format(value)));
        }

        return cloudEvent.DataContentType is { } contentType ? WithContentType(content, contentType) : content;
    }

    /// <summary>Encodes events as a batch (application/cloudevents-batch+json for the JSON format).</summary>
    /// <param name="cloudEvents">The events; each must be valid.</param>
    /// <param name="formatter">The event format.</param>
    public static HttpContent ToHttpContent(this IReadOnlyList<CloudEvent> cloudEvents, CloudEventFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(cloudEvents);
        ArgumentNullException.ThrowIfNull(formatter);
        var buffer = new PooledBufferWriter(4096);
        formatter.EncodeBatchModeMessage(cloudEvents, buffer);
        return WithContentType(new PooledByteArrayContent(buffer), formatter.BatchContentType);
    }

    /// <summary>Reads events from HTTP content (binary, structured or batch), its headers included.</summary>
    /// <param name="content">The content.</param>
    /// <param name="formatter">The event format for structured mode and batches.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    /// <param name="maxBodySize">The largest body accepted.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static Task<CloudEventReadResult> ReadCloudEventsAsync(
        this HttpContent content,
        CloudEventFormatter formatter,
        IEnumerable<CloudEventAttribute>? extensionAttributes = null,
        long maxBodySize = DefaultMaxBodySize,
        CancellationToken cancellationToken = default) =>
        ReadAsync(content, null, formatter, extensionAttributes, maxBodySize, cancellationToken);

    /// <summary>Reads events from an HTTP response: its headers and its content's headers and body.</summary>
    /// <param name="response">The response.</param>
    /// <param name="formatter">The event format for structured mode and batches.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    /// <param name="maxBodySize">The largest body accepted.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static Task<CloudEventReadResult> ReadCloudEventsAsync(
        this HttpResponseMessage response,
        CloudEventFormatter formatter,
        IEnumerable<CloudEventAttribute>? extensionAttributes = null,
        long maxBodySize = DefaultMaxBodySize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ReadAsync(response.Content, response.Headers, formatter, extensionAttributes, maxBodySize, cancellationToken);
    }

    /// <summary>Reads a single event (binary or structured) from HTTP content.</summary>
    /// <param name="content">The content.</param>
    /// <param name="formatter">The event format for structured mode.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    /// <exception cref="CloudEventFormatException">The content is not one valid event.</exception>
    public static async Task<CloudEvent> ToCloudEventAsync(
        this HttpContent content,
        CloudEventFormatter formatter,
        IEnumerable<CloudEventAttribute>? extensionAttributes = null) =>
        (await content.ReadCloudEventsAsync(formatter, extensionAttributes).ConfigureAwait(false)).GetSingleEvent();

    /// <summary>Reads a single event (binary or structured) from an HTTP response.</summary>
    /// <param name="response">The response.</param>
    /// <param name="formatter">The event format for structured mode.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    /// <exception cref="CloudEventFormatException">The response is not one valid event.</exception>
    public static async Task<CloudEvent> ToCloudEventAsync(
        this HttpResponseMessage response,
        CloudEventFormatter formatter,
        IEnumerable<CloudEventAttribute>? extensionAttributes = null) =>
        (await response.ReadCloudEventsAsync(formatter, extensionAttributes).ConfigureAwait(false)).GetSingleEvent();

    private static HttpContent WithContentType(HttpContent content, string contentType)
    {
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static async Task<CloudEventReadResult> ReadAsync(
        HttpContent content,
        System.Net.Http.Headers.HttpHeaders? messageHeaders,
        CloudEventFormatter formatter,
        IEnumerable<CloudEventAttribute>? extensionAttributes,
        long maxBodySize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(formatter);
        var headers = new List<KeyValuePair<string, string>>();
        if (!CollectHeaders(headers, content.Headers, out var error)
            || (messageHeaders is not null && !CollectHeaders(headers, messageHeaders, out error)))
        {
            return CloudEventReadResult.Failure(HttpMessageDecoder.BadRequest, error);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var body = await HttpBodyReader.ReadAsync(stream, content.Headers.ContentLength, maxBodySize, cancellationToken).ConfigureAwait(false);
            return body is null
                ? HttpBodyReader.TooLarge(maxBodySize)
                : HttpMessageDecoder.Decode(ContentType(content), headers, body.WrittenMemory, bodyIsBorrowed: true, formatter, extensionAttributes);
        }
    }

    /// <summary>The Content-Type exactly as sent (the parsed property would drop a value it cannot parse).</summary>
    private static string? ContentType(HttpContent content) =>
        content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;

    private static bool CollectHeaders(List<KeyValuePair<string, string>> headers, System.Net.Http.Headers.HttpHeaders source, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        foreach (var (name, values) in source.NonValidated)
        {
            if (!HttpMessageDecoder.TryAddHeader(headers, name, values.Count, values.Count == 1 ? values.ToString() : null, out error))
            {
                return false;
            }
        }

        error = null;
        return true;
    }
}
