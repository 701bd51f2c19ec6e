using System.Text.Json;
using System.Text.Json.Serialization;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Kubernetes.Json;

/// <summary>Reads and writes <see cref="IntOrString"/> as a JSON number or string.</summary>
public sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    /// <inheritdoc/>
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => IntOrString.FromNumber(reader.GetInt32()),
        JsonTokenType.String => IntOrString.FromName(reader.GetString()!),
        _ => throw new JsonException("expected a number or a string"),
    };

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value.Name);
        }
    }
}
