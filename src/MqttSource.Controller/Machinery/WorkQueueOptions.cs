namespace MqttSource.Controller.Machinery;

/// <summary>Per-key exponential backoff of <see cref="WorkQueue{T}.AddRateLimited"/>.</summary>
internal sealed class WorkQueueOptions
{
    /// <summary>Delay after the first failure (default 5 ms); doubled after each further failure.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Longest delay (default 1000 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1000);
}
