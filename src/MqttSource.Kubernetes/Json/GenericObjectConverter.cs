using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Kubernetes.Json;

/// <summary>Reads and writes a <see cref="GenericObject"/> as its JSON object.</summary>
public sealed class GenericObjectConverter : JsonConverter<GenericObject>
{
    /// <inheritdoc/>
    public override GenericObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonNode.Parse(ref reader) is JsonObject obj ? new GenericObject(obj) : throw new JsonException("expected a JSON object");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, GenericObject value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.Json.WriteTo(writer);
    }
}
