using System.Globalization;
using System.Text.Json;

namespace MqttSource.Adapter.Conversion;

/// <summary>RFC 6901 JSON pointer evaluation over a UTF-8 payload; returns a scalar as text, or null.</summary>
internal static class JsonPointer
{
    public static string? Evaluate(ReadOnlyMemory<byte> json, string pointer)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var current = document.RootElement;
            foreach (var raw in pointer.Split('/').AsSpan(1))
            {
                var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var child))
                {
                    current = child;
                }
                else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
                {
                    current = current[index];
                }
                else
                {
                    return null;
                }
            }

            return current.ValueKind switch
            {
                JsonValueKind.String => current.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number => current.GetRawText(),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null; // not JSON, or a string with an unpaired surrogate escape: no id from the payload
        }
    }
}
