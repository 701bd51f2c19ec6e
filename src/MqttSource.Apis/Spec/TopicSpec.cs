using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>One subscription (<c>spec.topics[i]</c>).</summary>
public sealed record TopicSpec
{
    /// <summary>MQTT topic filter; wildcards allowed.</summary>
    [JsonPropertyName("filter")]
    public string? Filter { get; init; }

    /// <summary>Subscription QoS 0, 1 (default) or 2.</summary>
    [JsonPropertyName("qos")]
    public int? Qos { get; init; }

    /// <summary>CloudEvent type for messages matching this filter; default <c>spec.event.type</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
