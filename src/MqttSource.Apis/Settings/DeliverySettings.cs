using MqttSource.Apis.Spec;

namespace MqttSource.Apis.Settings;

/// <summary>Resolved <c>spec.delivery</c>.</summary>
/// <param name="Retry">Retries after the first attempt; null retries retryable failures without end.</param>
/// <param name="BackoffPolicy">Exponential (delay × 2ⁿ) or linear (delay × n).</param>
/// <param name="BackoffDelay">The base delay.</param>
/// <param name="Timeout">The timeout of each attempt.</param>
/// <param name="DeadLetterSink">Where events go when delivery fails for good, or null.</param>
public sealed record DeliverySettings(
    int? Retry,
    DeliveryBackoffPolicy BackoffPolicy,
    TimeSpan BackoffDelay,
    TimeSpan Timeout,
    Destination? DeadLetterSink);
