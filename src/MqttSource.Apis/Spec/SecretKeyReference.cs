using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>A key of a Secret in the source's namespace.</summary>
public sealed record SecretKeyReference
{
    /// <summary>The Secret's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The key in the Secret's data.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }
}
