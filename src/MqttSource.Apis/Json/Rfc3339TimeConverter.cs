using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MqttSource.Apis.Json;

/// <summary>Kubernetes <c>metav1.Time</c>: RFC 3339, written in UTC with whole seconds (<c>2026-01-02T03:04:05Z</c>).</summary>
public sealed class Rfc3339TimeConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The format written.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is null || text.Length < 20 || text[10] is not ('T' or 't')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            throw new JsonException("expected an RFC 3339 time such as 2026-01-02T03:04:05Z");
        }

        return value;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture));
    }
}
