using System.Text.Json.Serialization;

namespace MqttSource.Apis.Status;

/// <summary>One <c>{type, source}</c> pair this source emits (<c>status.ceAttributes[i]</c>).</summary>
public sealed record CloudEventAttributes
{
    /// <summary>The CloudEvent type.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The CloudEvent source.</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }
}
