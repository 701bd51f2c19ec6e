namespace MqttSource.CloudEvents;

/// <summary>Content type helpers: media type comparison ignoring case and parameters.</summary>
public static class MediaTypes
{
    /// <summary>The JSON event format media type.</summary>
    public const string CloudEventsJson = "application/cloudevents+json";

    /// <summary>The JSON batch format media type.</summary>
    public const string CloudEventsBatchJson = "application/cloudevents-batch+json";

    /// <summary>The prefix every structured-mode CloudEvents media type has.</summary>
    public const string CloudEventsPrefix = "application/cloudevents";

    /// <summary>The media type of a content type: the part before any ';' parameters, trimmed.</summary>
    /// <param name="contentType">A content type like "Application/JSON; charset=utf-8".</param>
    public static ReadOnlySpan<char> GetMediaType(ReadOnlySpan<char> contentType)
    {
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }

    /// <summary>Whether a content type has the given media type (case-insensitive, parameters ignored).</summary>
    /// <param name="contentType">The content type.</param>
    /// <param name="mediaType">The media type, like "application/json".</param>
    public static bool Is(ReadOnlySpan<char> contentType, ReadOnlySpan<char> mediaType) =>
        GetMediaType(contentType).Equals(mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether data of this content type is JSON: application/json, */json or */*+json.
    /// A missing content type counts as JSON (the JSON event format's default).
    /// </summary>
    /// <param name="contentType">The content type, or null.</param>
    public static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return true;
        }

        var mediaType = GetMediaType(contentType);
        return mediaType.Contains('/') && (mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether data of this content type is text: text/*, */xml or */*+xml.</summary>
    /// <param name="contentType">The content type, or null.</param>
    public static bool IsText(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = GetMediaType(contentType);
        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || (mediaType.Contains('/') && (mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Whether the content type is a structured-mode CloudEvents type (application/cloudevents…), batch included.</summary>
    /// <param name="contentType">The content type, or null.</param>
    public static bool IsCloudEvents(string? contentType) =>
        contentType is not null && GetMediaType(contentType).StartsWith(CloudEventsPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the content type is a CloudEvents batch type (application/cloudevents-batch…).</summary>
    /// <param name="contentType">The content type, or null.</param>
    public static bool IsCloudEventsBatch(string? contentType) =>
        contentType is not null && GetMediaType(contentType).StartsWith("application/cloudevents-batch", StringComparison.OrdinalIgnoreCase);
}
