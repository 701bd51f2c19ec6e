namespace MqttSource.Mqtt.Client;

/// <summary>Jittered exponential backoff: first delay doubling per attempt up to a maximum, each delay drawn from [d/2, d].</summary>
internal sealed class ReconnectBackoff(TimeSpan first, TimeSpan maximum, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _attempt;

    /// <summary>The delay before the next attempt (and counts the attempt).</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt++, 30);
        var ceiling = Math.Min(maximum.Ticks, first.Ticks * (1L << exponent));
        var ticks = (ceiling / 2) + (long)(_random.NextDouble() * (ceiling - (ceiling / 2)));
        return TimeSpan.FromTicks(Math.Max(ticks, 1));
    }

    /// <summary>Starts over after a successful connection.</summary>
    public void Reset() => _attempt = 0;
}
