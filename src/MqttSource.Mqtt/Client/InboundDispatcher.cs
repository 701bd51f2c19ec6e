namespace MqttSource.Mqtt.Client;

/// <summary>
/// Received PUBLISHes on their way to the application. Connection readers put them in and never wait for the application,
/// so control packets (PINGRESP, SUBACK, DISCONNECT) are read while the handler applies backpressure; one loop hands the
/// messages to the handler in arrival order, one at a time, across reconnects. What waits is bounded by the
/// <see cref="InboundBudget"/> (the readers stop taking PUBLISHes beyond it).
/// </summary>
internal sealed class InboundDispatcher(Func<MqttApplicationMessageReceivedEventArgs, Task> handler, InboundBudget budget) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private Queue<InboundMessage> _queue = new();
    private TaskCompletionSource? _available;
    private Task? _loop;
    private long _handlerFailures;

    /// <summary>The budget the readers charge.</summary>
    public InboundBudget Budget => budget;

    /// <summary>Messages waiting for the handler.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Times the handler threw (the message's connection was then recycled).</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>When the oldest waiting message arrived (a <see cref="TimeProvider"/> timestamp), or null.</summary>
    public long? OldestArrival
    {
        get
        {
            lock (_lock)
            {
                return _queue.TryPeek(out var head) ? head.ArrivedAt : null;
            }
        }
    }

    /// <summary>Queues a message for the handler (its charge is taken already).</summary>
    public void Enqueue(InboundMessage message)
    {
        TaskCompletionSource? available;
        lock (_lock)
        {
            _queue.Enqueue(message);
            _loop ??= Task.Run(LoopAsync, CancellationToken.None);
            available = _available;
            _available = null;
        }

        available?.TrySetResult();
    }

    /// <summary>
    /// Discards waiting QoS 1/2 messages of connections before <paramref name="generation"/>: the broker resumed the session
    /// and redelivers them, so handing them over as well would only make duplicates.
    /// </summary>
    public int DiscardRedelivered(int generation)
    {
        long released = 0;
        var discarded = 0;
        lock (_lock)
        {
            var kept = new Queue<InboundMessage>(_queue.Count);
            foreach (var message in _queue)
            {
                if (!message.AtMostOnce && message.Generation < generation)
                {
                    released += message.Cost;
                    discarded++;
                }
                else
                {
                    kept.Enqueue(message);
                }
            }

            _queue = kept;
        }

        if (released > 0)
        {
            budget.Release(released);
        }

        return discarded;
    }

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            if (TryDequeue(out var message, out var available))
            {
                budget.Release(message.Cost);
                await DispatchAsync(message).ConfigureAwait(false);
                continue;
            }

            try
            {
                await available!.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private bool TryDequeue(out InboundMessage message, out Task? available)
    {
        lock (_lock)
        {
            if (_queue.TryDequeue(out message!))
            {
                available = null;
                return true;
            }

            _available ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            available = _available.Task;
            return false;
        }
    }

    private async Task DispatchAsync(InboundMessage message)
    {
        var args = message.Args;
        try
        {
            await handler(args).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The application failed on this message. Acknowledging would lose it, leaving it would stall every later
            // acknowledgement: end its connection instead, so the broker redelivers everything not acknowledged.
            Interlocked.Increment(ref _handlerFailures);
            message.AbortConnection($"The application's message handler failed on a message from '{args.ApplicationMessage.Topic}': {ex.GetType().Name}: {ex.Message}");
            return;
        }

        if (args.AutoAcknowledge)
        {
            args.Acknowledge();
        }
    }

    /// <summary>Stops handing messages over; what still waits is dropped (QoS 1/2: not acknowledged, so redelivered).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_lock)
        {
            _queue.Clear();
        }

        // The loop ends once the handler running now returns; a handler that never returns must not block disposal.
        if (_loop is null || _loop.IsCompleted)
        {
            _stop.Dispose();
        }
    }
}
