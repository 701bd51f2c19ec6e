using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>Knative DeliverySpec (<c>spec.delivery</c>).</summary>
public sealed record DeliverySpec
{
    /// <summary>Retries after the first attempt; null retries retryable failures without end.</summary>
    [JsonPropertyName("retry")]
    public int? Retry { get; init; }

    /// <summary><c>exponential</c> (default) or <c>linear</c>.</summary>
    [JsonPropertyName("backoffPolicy")]
    public string? BackoffPolicy { get; init; }

    /// <summary>Base backoff delay, ISO-8601 (default <c>PT0.2S</c>).</summary>
    [JsonPropertyName("backoffDelay")]
    public string? BackoffDelay { get; init; }

    /// <summary>Timeout of each attempt, ISO-8601 (default <c>PT30S</c>).</summary>
    [JsonPropertyName("timeout")]
    public string? Timeout { get; init; }

    /// <summary>Where events go when delivery fails for good.</summary>
    [JsonPropertyName("deadLetterSink")]
    public Destination? DeadLetterSink { get; init; }
}
