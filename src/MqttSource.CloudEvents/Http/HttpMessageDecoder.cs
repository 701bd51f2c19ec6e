using System.Diagnostics.CodeAnalysis;

namespace MqttSource.CloudEvents.Http;

/// <summary>Decodes an HTTP message (content type, ce- headers, body) into events; shared by the client and ASP.NET Core bindings.</summary>
internal static class HttpMessageDecoder
{
    public const int BadRequest = 400;
    public const int PayloadTooLarge = 413;
    public const int UnsupportedMediaType = 415;

    /// <summary>Decodes a message.</summary>
    /// <param name="contentType">The Content-Type header, or null.</param>
    /// <param name="headers">The ce- headers: attribute name (lower-cased, without the prefix) and raw value.</param>
    /// <param name="body">The body.</param>
    /// <param name="bodyIsBorrowed">Whether the body must be copied before an event may keep it.</param>
    /// <param name="formatter">The event format for structured and batch mode.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    public static CloudEventReadResult Decode(
        string? contentType,
        List<KeyValuePair<string, string>> headers,
        ReadOnlyMemory<byte> body,
        bool bodyIsBorrowed,
        CloudEventFormatter formatter,
        IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        if (MediaTypes.IsCloudEvents(contentType))
        {
            var isBatch = MediaTypes.IsCloudEventsBatch(contentType);
            var expected = isBatch ? formatter.BatchContentType : formatter.StructuredContentType;
            if (!MediaTypes.Is(contentType, expected))
            {
                return CloudEventReadResult.Failure(UnsupportedMediaType,
                    $"Unsupported CloudEvents format '{contentType}': this receiver understands {expected}.");
            }

            try
            {
                return isBatch
                    ? CloudEventReadResult.Success(formatter.DecodeBatchModeMessage(body.Span, extensionAttributes), ContentMode.Structured, isBatch: true)
                    : CloudEventReadResult.Success([formatter.DecodeStructuredModeMessage(body.Span, extensionAttributes)], ContentMode.Structured, isBatch: false);
            }
            catch (CloudEventFormatException ex)
            {
                return CloudEventReadResult.Failure(BadRequest, ex.Message);
            }
        }

        return DecodeBinary(contentType, headers, body, bodyIsBorrowed, extensionAttributes);
    }

    /// <summary>Adds a header to the list when it is a ce- header; returns false (with an error) when it is invalid.</summary>
    public static bool TryAddHeader(List<KeyValuePair<string, string>> headers, string name, int valueCount, string? value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (valueCount != 1 || value is null)
        {
            error = $"Invalid CloudEvent: header '{name}' appears more than once.";
            return false;
        }

        headers.Add(new(name[3..].ToLowerInvariant(), value));
        return true;
    }

    private static CloudEventReadResult DecodeBinary(
        string? contentType,
        List<KeyValuePair<string, string>> headers,
        ReadOnlyMemory<byte> body,
        bool bodyIsBorrowed,
        IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        var cloudEvent = new CloudEvent(extensionAttributes);
        var hasSpecVersion = false;
        foreach (var (name, rawValue) in headers)
        {
            if (!CloudEventAttribute.IsValidName(name))
            {
                return CloudEventReadResult.Failure(BadRequest,
                    $"Invalid CloudEvent: header 'ce-{name}' does not name a valid attribute (use only a-z and 0-9).");
            }

            if (!HttpHeaderValueEncoding.TryDecode(rawValue, out var value, out var error))
            {
                return CloudEventReadResult.Failure(BadRequest, $"Invalid CloudEvent: header 'ce-{name}': {error}.");
            }

            if (name == "datacontenttype" && contentType is not null)
            {
                continue;
            }

            hasSpecVersion |= name == "specversion";
            if (!cloudEvent.TrySetAttributeFromString(name, value, out error))
            {
                return CloudEventReadResult.Failure(BadRequest, "Invalid CloudEvent: " + error);
            }
        }

        if (!hasSpecVersion)
        {
            return CloudEventReadResult.Failure(BadRequest,
                $"Not a CloudEvent: binary mode needs a ce-specversion header, and Content-Type '{contentType}' is not {MediaTypes.CloudEventsJson}.");
        }

        var missing = cloudEvent.GetMissingRequiredAttributes();
        if (missing.Count > 0)
        {
            return CloudEventReadResult.Failure(BadRequest,
                $"Invalid CloudEvent: missing required attribute(s): {string.Join(", ", missing)} (as ce- headers).");
        }

        if (contentType is not null && !cloudEvent.TrySetAttributeFromString("datacontenttype", contentType, out var contentTypeError))
        {
            return CloudEventReadResult.Failure(BadRequest, "Invalid CloudEvent: " + contentTypeError);
        }

        if (!body.IsEmpty)
        {
            cloudEvent.Data = bodyIsBorrowed ? body.ToArray() : body;
        }

        return CloudEventReadResult.Success([cloudEvent], ContentMode.Binary, isBatch: false);
    }
}
