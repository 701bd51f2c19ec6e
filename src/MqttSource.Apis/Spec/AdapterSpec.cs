using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>Adapter pod template overrides (<c>spec.adapter</c>), kept as JSON and passed through untouched.</summary>
public sealed record AdapterSpec
{
    /// <summary>Container <c>resources</c>.</summary>
    [JsonPropertyName("resources")]
    public JsonObject? Resources { get; init; }

    /// <summary>Pod <c>nodeSelector</c>.</summary>
    [JsonPropertyName("nodeSelector")]
    public JsonObject? NodeSelector { get; init; }

    /// <summary>Pod <c>tolerations</c>.</summary>
    [JsonPropertyName("tolerations")]
    public JsonArray? Tolerations { get; init; }

    /// <summary>Extra container <c>env</c>.</summary>
    [JsonPropertyName("env")]
    public JsonArray? Env { get; init; }
}
