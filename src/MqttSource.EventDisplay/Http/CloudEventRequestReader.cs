using System.Buffers;
using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;
using CloudNative.CloudEvents.Http;
using Microsoft.AspNetCore.Http;
using MqttSource.CloudEvents.Json;

namespace MqttSource.EventDisplay.Http;

/// <summary>
/// Reads the CloudEvents of an ASP.NET Core request into the SDK's types: what the CloudNative.CloudEvents.AspNetCore
/// package would do (it is not served here), kept thin. Structured and batch requests go to
/// <see cref="RawJsonEventFormatter"/>; a binary request's ce- headers are decoded with the SDK's
/// <see cref="HttpUtilities"/> and set with <see cref="CloudEvent.SetAttributeFromString"/>, its body is the data.
/// Ours: the size limit (413 before and while reading), 415 for a CloudEvents format other than JSON, and one sentence
/// for every 400.
/// </summary>
internal static class CloudEventRequestReader
{
    public const int BadRequest = StatusCodes.Status400BadRequest;
    public const int PayloadTooLarge = StatusCodes.Status413PayloadTooLarge;
    public const int UnsupportedMediaType = StatusCodes.Status415UnsupportedMediaType;

    private static readonly RawJsonEventFormatter Formatter = RawJsonEventFormatter.Instance;

    /// <summary>Reads the body (at most <paramref name="maxBodySize"/> bytes) and decodes it with the request's headers.</summary>
    public static async Task<CloudEventReadResult> ReadAsync(HttpRequest request, long maxBodySize, IEnumerable<CloudEventAttribute>? extensionAttributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBodySize)
        {
            return TooLarge(maxBodySize);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.Length > maxBodySize)
            {
                reader.AdvanceTo(buffer.End);
                return TooLarge(maxBodySize);
            }

            if (read.IsCompleted)
            {
                try
                {
                    return Decode(request, buffer, extensionAttributes);
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Decodes a request whose body has been read already.</summary>
    public static CloudEventReadResult Decode(HttpRequest request, ReadOnlySequence<byte> body, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType;
        return MimeUtilities.IsCloudEventsContentType(contentType) || MimeUtilities.IsCloudEventsBatchContentType(contentType)
            ? DecodeStructured(contentType, body, extensionAttributes)
            : DecodeBinary(request.Headers, contentType, body, extensionAttributes);
    }

    private static CloudEventReadResult DecodeStructured(string contentType, ReadOnlySequence<byte> body, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        var isBatch = MimeUtilities.IsCloudEventsBatchContentType(contentType);
        var expected = isBatch ? RawJsonEventFormatter.BatchMediaType : RawJsonEventFormatter.StructuredMediaType;
        var mediaType = CloudEventData.MediaTypeOf(contentType);
        if (!mediaType.Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            return CloudEventReadResult.Failure(UnsupportedMediaType, $"Unsupported CloudEvents format '{contentType}': this receiver understands {expected}.");
        }

        try
        {
            var parsed = mediaType.Length == contentType.Length ? null : new ContentType(contentType);
            var bytes = body.IsSingleSegment ? body.First : body.ToArray();
            return isBatch
                ? CloudEventReadResult.Success(Formatter.DecodeBatchModeMessage(bytes, parsed, extensionAttributes), ContentMode.Structured, isBatch: true)
                : CloudEventReadResult.Success([Formatter.DecodeStructuredModeMessage(bytes, parsed, extensionAttributes)], ContentMode.Structured, isBatch: false);
        }
        catch (Exception ex) when (ErrorText.IsInvalidInput(ex))
        {
            return CloudEventReadResult.Failure(BadRequest, ErrorText.InvalidCloudEvent(ex));
        }
    }

    private static CloudEventReadResult DecodeBinary(IHeaderDictionary headers, string? contentType, ReadOnlySequence<byte> body, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        if (!headers.TryGetValue(HttpUtilities.SpecVersionHttpHeader, out var specVersionHeader))
        {
            return Invalid($"Not a CloudEvent: binary mode needs a ce-specversion header, and Content-Type '{contentType}' is not {RawJsonEventFormatter.StructuredMediaType}.");
        }

        var cloudEvent = default(CloudEvent);
        var header = HttpUtilities.SpecVersionHttpHeader;
        try
        {
            if (specVersionHeader.Count != 1)
            {
                return Invalid($"Invalid CloudEvent: header '{header}' appears more than once.");
            }

            var versionId = HttpUtilities.DecodeHeaderValue(specVersionHeader[0]!);
            if (CloudEventsSpecVersion.FromVersionId(versionId) is not { } version)
            {
                return Invalid($"Invalid CloudEvent: unsupported specversion '{versionId}' (this receiver reads CloudEvents {CloudEventsSpecVersion.Default.VersionId}).");
            }

            cloudEvent = new CloudEvent(version, extensionAttributes);
            foreach (var (name, values) in headers)
            {
                header = name;
                var attribute = HttpUtilities.GetAttributeNameFromHeaderName(name);
                if (attribute is null || attribute == CloudEventsSpecVersion.SpecVersionAttribute.Name
                    || (attribute == version.DataContentTypeAttribute.Name && contentType is not null))
                {
                    continue; // not an attribute, read already, or Content-Type wins
                }

                if (values.Count != 1)
                {
                    return Invalid($"Invalid CloudEvent: header '{name}' appears more than once.");
                }

                cloudEvent.SetAttributeFromString(attribute, HttpUtilities.DecodeHeaderValue(values[0]!));
            }

            header = "Content-Type";
            if (!cloudEvent.IsValid)
            {
                var missing = version.RequiredAttributes.Where(required => cloudEvent[required] is null).Select(required => required.Name);
                return Invalid($"Invalid CloudEvent: missing required attribute(s): {string.Join(", ", missing)} (as ce- headers).");
            }

            if (contentType is not null)
            {
                cloudEvent.DataContentType = contentType;
            }

            Formatter.DecodeBinaryModeEventData(body.IsSingleSegment ? body.First : body.ToArray(), cloudEvent);
            return CloudEventReadResult.Success([cloudEvent], ContentMode.Binary, isBatch: false);
        }
        catch (Exception ex) when (ErrorText.IsInvalidInput(ex))
        {
            return Invalid($"Invalid CloudEvent: header '{header}': {ErrorText.Describe(ex)}");
        }
    }

    private static CloudEventReadResult Invalid(string error) => CloudEventReadResult.Failure(BadRequest, error);

    /// <summary>The 413 answer for a body over the limit.</summary>
    public static CloudEventReadResult TooLarge(long maxBodySize) =>
        CloudEventReadResult.Failure(PayloadTooLarge, $"The body is larger than the limit of {maxBodySize} bytes.");
}
