using System.Collections.Concurrent;
using MqttSource.Mqtt;

namespace MqttSource.Adapter.Pipeline;

/// <summary>
/// Overlapping topic filters (say <c>sensors/+/temperature</c> and <c>sensors/#</c>) make the broker send a message once per
/// matching subscription. With MQTT 5 each filter is subscribed with its own subscription identifier (its position + 1);
/// only the copy of the first matching filter (spec order, which also decides the type) is delivered, the others are
/// acknowledged and skipped. MQTT 3.1.1 has no subscription identifiers: there every copy is delivered.
/// </summary>
internal sealed class OverlappingSubscriptions(IReadOnlyList<string> filters)
{
    private const int CacheLimit = 10_000;
    private readonly ConcurrentDictionary<string, uint> _firstMatch = new(StringComparer.Ordinal);

    /// <summary>The subscription identifier of filter <paramref name="index"/>.</summary>
    public static uint IdentifierOf(int index) => (uint)index + 1;

    /// <summary>True for a copy that arrived through a later filter than the first one matching its topic.</summary>
    public bool IsRedundantCopy(MqttApplicationMessage message)
    {
        if (filters.Count < 2 || message.SubscriptionIdentifiers is not { Count: > 0 } identifiers)
        {
            return false;
        }

        var first = FirstMatch(message.Topic);
        if (first == 0)
        {
            return false;
        }

        foreach (var id in identifiers)
        {
            if (id == first)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Pairs of filters some topic matches both of (for a start-up warning under MQTT 3.1.1).</summary>
    public static IEnumerable<(string First, string Second)> FindOverlaps(IReadOnlyList<string> filters)
    {
        for (var i = 0; i < filters.Count; i++)
        {
            for (var j = i + 1; j < filters.Count; j++)
            {
                if (Overlap(filters[i].Split('/'), filters[j].Split('/')))
                {
                    yield return (filters[i], filters[j]);
                }
            }
        }
    }

    private uint FirstMatch(string topic)
    {
        if (_firstMatch.TryGetValue(topic, out var cached))
        {
            return cached;
        }

        uint first = 0;
        for (var i = 0; i < filters.Count; i++)
        {
            if (MqttTopicValidator.Matches(filters[i], topic))
            {
                first = IdentifierOf(i);
                break;
            }
        }

        if (_firstMatch.Count < CacheLimit)
        {
            _firstMatch.TryAdd(topic, first);
        }

        return first;
    }

    private static bool Overlap(ReadOnlySpan<string> a, ReadOnlySpan<string> b)
    {
        for (var i = 0; ; i++)
        {
            if (i < a.Length && a[i] == "#" || i < b.Length && b[i] == "#")
            {
                return true;
            }

            if (i == a.Length || i == b.Length)
            {
                return a.Length == b.Length;
            }

            if (a[i] != "+" && b[i] != "+" && a[i] != b[i])
            {
                return false;
            }
        }
    }
}
