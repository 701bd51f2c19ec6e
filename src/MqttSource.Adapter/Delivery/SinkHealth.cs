namespace MqttSource.Adapter.Delivery;

/// <summary>
/// Whether the sink is failing right now, as the deliveries see it: how many events are between failed attempts and their
/// next try, and the last failure. It tells a sink outage (retrying, expected) from a stall without a reason (a bug).
/// </summary>
internal sealed class SinkHealth(TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _retrying;
    private string? _lastFailure;
    private long _lastFailureAt;

    /// <summary>Events whose delivery is retrying now.</summary>
    public int Retrying => Volatile.Read(ref _retrying);

    /// <summary>The last failed attempt (e.g. "HTTP 503"), or null.</summary>
    public string? LastFailure
    {
        get
        {
            lock (_lock)
            {
                return _lastFailure;
            }
        }
    }

    /// <summary>Time since the last failed attempt, or null.</summary>
    public TimeSpan? SinceLastFailure
    {
        get
        {
            lock (_lock)
            {
                return _lastFailure is null ? null : time.GetElapsedTime(_lastFailureAt);
            }
        }
    }

    /// <summary>An attempt failed and will be retried; <paramref name="first"/> when it is the event's first retry.</summary>
    public void Failed(string failure, bool first)
    {
        if (first)
        {
            Interlocked.Increment(ref _retrying);
        }

        lock (_lock)
        {
            _lastFailure = failure;
            _lastFailureAt = time.GetTimestamp();
        }
    }

    /// <summary>An event that had been retrying is done (delivered, given up, or abandoned).</summary>
    public void RetryEnded() => Interlocked.Decrement(ref _retrying);
}
