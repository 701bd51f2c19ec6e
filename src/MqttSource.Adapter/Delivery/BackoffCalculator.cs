namespace MqttSource.Adapter.Delivery;

/// <summary>
/// The wait before retry <c>n</c> (1-based): exponential delay×2ⁿ or linear delay×n with ±20 % jitter, never above the cap;
/// a Retry-After from the sink wins when it asks for longer.
/// </summary>
internal sealed class BackoffCalculator(BackoffPolicy policy, TimeSpan delay, TimeSpan maximum)
{
    /// <summary>Jitter fraction applied either way.</summary>
    public const double Jitter = 0.2;

    public TimeSpan Delay(int retry, TimeSpan? retryAfter, double random)
    {
        var n = Math.Max(1, retry);
        double ticks = policy == BackoffPolicy.Exponential
            ? delay.Ticks * Math.Pow(2, Math.Min(n, 40))
            : delay.Ticks * (double)n;
        ticks *= 1 + (((random * 2) - 1) * Jitter);
        ticks = Math.Min(ticks, maximum.Ticks); // after the jitter: the cap is a cap
        var computed = TimeSpan.FromTicks((long)Math.Max(ticks, 0));
        return retryAfter is { } ra && ra > computed ? (ra < maximum ? ra : maximum) : computed;
    }
}
