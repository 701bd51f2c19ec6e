namespace MqttSource.Mqtt.Client;

/// <summary>
/// How many QoS 1/2 messages one connection may have waiting for the application. A broker that honours Receive Maximum
/// never reaches the limit (it is Receive Maximum plus slack); only a broker that ignores it, or an MQTT 3.1.1 broker with
/// a larger in-flight window, makes the reader wait here — TCP then holds the rest back.
/// </summary>
internal sealed class InboundBudget(int limit)
{
    private readonly Lock _lock = new();
    private int _taken;
    private TaskCompletionSource? _released;

    /// <summary>The most messages that may wait.</summary>
    public int Limit { get; } = Math.Max(1, limit);

    /// <summary>Messages waiting now.</summary>
    public int Taken
    {
        get
        {
            lock (_lock)
            {
                return _taken;
            }
        }
    }

    /// <summary>Takes a place; waits until one is free. Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.</summary>
    public async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task released;
            lock (_lock)
            {
                if (_taken < Limit)
                {
                    _taken++;
                    return;
                }

                _released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                released = _released.Task;
            }

            await released.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when a place is free right now (then it is taken).</summary>
    public bool TryTake()
    {
        lock (_lock)
        {
            if (_taken >= Limit)
            {
                return false;
            }

            _taken++;
            return true;
        }
    }

    /// <summary>Gives a place back (the message went to the application, or was discarded).</summary>
    public void Release()
    {
        TaskCompletionSource? released;
        lock (_lock)
        {
            _taken--;
            released = _released;
            _released = null;
        }

        released?.TrySetResult();
    }
}
