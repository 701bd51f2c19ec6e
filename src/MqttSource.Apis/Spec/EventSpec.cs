using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>How MQTT messages become CloudEvents (<c>spec.event</c>).</summary>
public sealed record EventSpec
{
    /// <summary>Default type when a topic entry has none (default <c>dev.knative.mqtt.event</c>).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>CloudEvent source (a URI-reference); empty means the default.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary><c>binary</c> (default) or <c>structured</c>.</summary>
    [JsonPropertyName("contentMode")]
    public string? ContentMode { get; init; }

    /// <summary>Content type for messages without an MQTT 5 Content Type; empty means detect.</summary>
    [JsonPropertyName("dataContentType")]
    public string? DataContentType { get; init; }

    /// <summary><c>auto</c> (default: forward messages that already are CloudEvents) or <c>never</c>.</summary>
    [JsonPropertyName("passthrough")]
    public string? Passthrough { get; init; }

    /// <summary><c>userProperty:&lt;name&gt;</c> or <c>json:&lt;JSON pointer&gt;</c>; empty means a UUIDv7.</summary>
    [JsonPropertyName("idFrom")]
    public string? IdFrom { get; init; }
}
