namespace MqttSource.Controller.Sinks;

/// <summary>
/// The resource name (plural) of a kind, as Kubernetes derives it by default (lower case; <c>-s</c>, <c>-es</c>
/// after s/x/z/ch/sh, <c>-ies</c> after a consonant and y). Every Knative Addressable (Service, Broker, Channel,
/// InMemoryChannel, KafkaChannel, Parallel, Sequence, …) follows this rule; we do not query API discovery.
/// </summary>
internal static class KindPlurals
{
    /// <summary>The plural of <paramref name="kind"/>.</summary>
    public static string Of(string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var lower = kind.ToLowerInvariant();
        if (lower.EndsWith('s') || lower.EndsWith('x') || lower.EndsWith('z') || lower.EndsWith("ch", StringComparison.Ordinal) || lower.EndsWith("sh", StringComparison.Ordinal))
        {
            return lower + "es";
        }

        if (lower.Length > 1 && lower.EndsWith('y') && !"aeiou".Contains(lower[^2], StringComparison.Ordinal))
        {
            return lower[..^1] + "ies";
        }

        return lower + "s";
    }
}
