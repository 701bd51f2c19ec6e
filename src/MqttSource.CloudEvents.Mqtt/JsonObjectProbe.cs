using System.Text.Json;

namespace MqttSource.CloudEvents.Mqtt;

/// <summary>Looks for a top-level member of a JSON object without decoding the rest.</summary>
internal static class JsonObjectProbe
{
    /// <summary>Whether the payload is a JSON object with a top-level "specversion" member; if not, why not.</summary>
    public static bool HasSpecVersion(ReadOnlySpan<byte> payload, out string? reason)
    {
        var start = payload.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || payload[start] != (byte)'{')
        {
            reason = "the payload is not a JSON object";
            return false;
        }

        var reader = new Utf8JsonReader(payload);
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("specversion"u8))
                {
                    reason = null;
                    return true;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            reason = "the payload is not valid JSON";
            return false;
        }

        reason = "the JSON payload has no specversion member";
        return false;
    }
}
