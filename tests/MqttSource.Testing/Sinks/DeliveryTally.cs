using System.Globalization;

namespace MqttSource.Testing.Sinks;

/// <summary>
/// Prober-style counting of numbered messages (<c>{prefix}1</c> … <c>{prefix}{expected}</c>) that reached a sink:
/// which numbers are missing, how many arrived more than once.
/// </summary>
public sealed class DeliveryTally
{
    private DeliveryTally(int expected, IReadOnlyList<int> missing, int duplicates, int unexpected, int total)
    {
        Expected = expected;
        Missing = missing;
        Duplicates = duplicates;
        Unexpected = unexpected;
        Total = total;
    }

    /// <summary>How many numbered messages were sent.</summary>
    public int Expected { get; }

    /// <summary>Numbers that never arrived.</summary>
    public IReadOnlyList<int> Missing { get; }

    /// <summary>Arrivals beyond the first of a number (allowed by at-least-once, counted).</summary>
    public int Duplicates { get; }

    /// <summary>Bodies that are not one of the numbered messages.</summary>
    public int Unexpected { get; }

    /// <summary>All bodies counted.</summary>
    public int Total { get; }

    /// <summary>Counts <paramref name="bodies"/> against the numbers 1..<paramref name="expected"/>.</summary>
    public static DeliveryTally Count(IEnumerable<string> bodies, int expected, string prefix = "message-")
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var seen = new int[expected + 1];
        int unexpected = 0, total = 0;
        foreach (var body in bodies)
        {
            total++;
            if (body.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(body.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n >= 1 && n <= expected)
            {
                seen[n]++;
            }
            else
            {
                unexpected++;
            }
        }

        var missing = Enumerable.Range(1, expected).Where(n => seen[n] == 0).ToList();
        var duplicates = seen.Sum(c => Math.Max(0, c - 1));
        return new DeliveryTally(expected, missing, duplicates, unexpected, total);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Expected} sent, {Total} arrived: {Missing.Count} missing{(Missing.Count > 0 ? " (" + string.Join(", ", Missing.Take(20)) + (Missing.Count > 20 ? ", …" : string.Empty) + ")" : string.Empty)}, {Duplicates} duplicates, {Unexpected} unexpected";
}
