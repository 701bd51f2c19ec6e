using System.Runtime.InteropServices;
using System.Text.Json;

namespace MqttSource.CloudEvents.Json;

/// <summary>
/// What event data is, from its content type and its bytes: JSON, text or binary (PRODUCT.md §4). Content types are
/// compared by media type, ignoring case and parameters, without parsing them into objects.
/// </summary>
public static class CloudEventData
{
    /// <summary>The media type of JSON data, and of structured-mode data without a datacontenttype.</summary>
    public const string JsonMediaType = "application/json";

    /// <summary>The media type of bytes that are nothing more specific.</summary>
    public const string OctetStreamMediaType = "application/octet-stream";

    /// <summary>How deep JSON may nest, in data and in whole events (System.Text.Json's default is 64).</summary>
    public const int MaxJsonDepth = 256;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxJsonDepth };

    /// <summary>The media type of a content type: the part before any ';' parameters, trimmed.</summary>
    /// <param name="contentType">A content type like "Application/JSON; charset=utf-8".</param>
    public static ReadOnlySpan<char> MediaTypeOf(ReadOnlySpan<char> contentType)
    {
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }

    /// <summary>Whether data of this content type is JSON: */json or */*+json. No content type counts as JSON (the JSON event format's default).</summary>
    /// <param name="contentType">The datacontenttype, or null.</param>
    public static bool IsJsonMediaType(string? contentType)
    {
        if (contentType is null)
        {
            return true;
        }

        var mediaType = MediaTypeOf(contentType);
        return mediaType.Contains('/') && (mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether data of this content type is text: text/*, */xml or */*+xml.</summary>
    /// <param name="contentType">The datacontenttype, or null.</param>
    public static bool IsTextMediaType(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = MediaTypeOf(contentType);
        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || (mediaType.Contains('/') && (mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Whether the bytes are one complete JSON value in valid UTF-8, nested at most <see cref="MaxJsonDepth"/> deep.</summary>
    /// <param name="data">The bytes.</param>
    public static bool IsValidJson(ReadOnlySpan<byte> data) => JsonValidity.IsValid(data, ReaderOptions);

    /// <summary>The content type of bytes that come without one: application/json for valid UTF-8 JSON, else application/octet-stream.</summary>
    /// <param name="data">The bytes.</param>
    public static string InferContentType(ReadOnlySpan<byte> data) => IsValidJson(data) ? JsonMediaType : OctetStreamMediaType;

    /// <summary>The bytes as an array, for <c>CloudEvent.Data</c>: the array itself when the memory is a whole array, else a copy.</summary>
    /// <param name="data">The bytes.</param>
    public static byte[] ToArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Array is { } array && segment.Offset == 0 && segment.Count == array.Length
            ? array
            : data.ToArray();
}
