using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>Session persistence (<c>spec.broker.session</c>).</summary>
public sealed record SessionSpec
{
    /// <summary>Clean start off and a session expiry (MQTT 5); default true.</summary>
    [JsonPropertyName("persistent")]
    public bool? Persistent { get; init; }

    /// <summary>Session expiry as a Go duration (default <c>1h</c>, at most 2^32-1 seconds).</summary>
    [JsonPropertyName("expiry")]
    public string? Expiry { get; init; }
}
