using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using Microsoft.AspNetCore.Http;
using MqttSource.CloudEvents.Json;

namespace MqttSource.Testing.CloudEvents;

/// <summary>
/// Reads a recorded HTTP request as a CloudEvent with the SDK's <see cref="HttpClientExtensions"/> (binary or structured
/// mode) and <see cref="RawJsonEventFormatter"/>: an independent reader for what our code sends.
/// </summary>
public static class SdkHttpReader
{
    /// <summary>The event and its mode, or why the request is not one CloudEvent.</summary>
    public static async Task<(CloudEvent? Event, ContentMode? Mode, string? Error)> ReadAsync(IHeaderDictionary headers, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var message = new HttpRequestMessage(HttpMethod.Post, "http://sink/") { Content = new ByteArrayContent(body) };
        foreach (var (name, values) in headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (message.IsCloudEventBatch())
        {
            return (null, null, "a batch");
        }

        if (!message.IsCloudEvent())
        {
            return (null, null, "not a CloudEvent: no ce-specversion header and no application/cloudevents content type");
        }

        var mode = message.Content.Headers.ContentType?.MediaType?.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase) == true
            ? ContentMode.Structured
            : ContentMode.Binary;
        try
        {
            return (await message.ToCloudEventAsync(RawJsonEventFormatter.Instance).ConfigureAwait(false), mode, null);
        }
        catch (Exception ex) when (ErrorText.IsInvalidInput(ex))
        {
            return (null, null, ErrorText.InvalidCloudEvent(ex));
        }
    }
}
