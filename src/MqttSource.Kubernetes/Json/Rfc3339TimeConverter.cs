using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Json;

/// <summary>An RFC 3339 time: any offset and precision is read; written in UTC with <paramref name="format"/>.</summary>
public abstract class Rfc3339TimeConverter(string format) : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is { Length: >= 20 } && text[10] is 'T' or 't'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        throw new JsonException($"expected an RFC 3339 time, got '{text}'");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToUniversalTime().ToString(format, CultureInfo.InvariantCulture));
    }
}
