namespace MqttSource.Mqtt.Client;

/// <summary>
/// Received PUBLISHes on their way to the application. Connection readers put them in and never wait for the application,
/// so control packets (PINGRESP, SUBACK, DISCONNECT) are read while the handler applies backpressure; one loop hands the
/// messages to the handler in arrival order, one at a time, across reconnects.
/// Bounded: QoS 1/2 messages by their connection's <see cref="InboundBudget"/>; QoS 0 messages by
/// <c>qos0Limit</c> — beyond it a QoS 0 message is dropped and counted (at most once allows it; TCP backpressure would
/// also hold back the control packets behind it).
/// </summary>
internal sealed class InboundDispatcher(Func<MqttApplicationMessageReceivedEventArgs, Task> handler, int qos0Limit, TimeProvider time) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private Queue<InboundMessage> _queue = new();
    private TaskCompletionSource? _available;
    private Task? _loop;
    private int _qos0Waiting;
    private long _qos0Dropped;
    private long _handlerFailures;

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

    /// <summary>QoS 0 messages dropped because <c>qos0Limit</c> of them were already waiting.</summary>
    public long AtMostOnceDropped => Interlocked.Read(ref _qos0Dropped);

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

    /// <summary>Queues a message for the handler; false when it was a QoS 0 message over the limit (dropped, counted).</summary>
    public bool TryEnqueue(InboundMessage message)
    {
        TaskCompletionSource? available;
        lock (_lock)
        {
            if (message.Budget is null)
            {
                if (_qos0Waiting >= qos0Limit)
                {
                    _qos0Dropped++;
                    return false;
                }

                _qos0Waiting++;
            }

            _queue.Enqueue(message);
            _loop ??= Task.Run(LoopAsync, CancellationToken.None);
            available = _available;
            _available = null;
        }

        available?.TrySetResult();
        return true;
    }

    /// <summary>
    /// Discards waiting QoS 1/2 messages of connections before <paramref name="generation"/>: the broker resumed the session
    /// and redelivers them, so handing them over as well would only make duplicates.
    /// </summary>
    public int DiscardRedelivered(int generation)
    {
        lock (_lock)
        {
            var kept = new Queue<InboundMessage>(_queue.Count);
            var discarded = 0;
            foreach (var message in _queue)
            {
                if (message.Budget is not null && message.Generation < generation)
                {
                    message.Budget.Release();
                    discarded++;
                }
                else
                {
                    kept.Enqueue(message);
                }
            }

            _queue = kept;
            return discarded;
        }
    }

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            if (TryDequeue(out var message, out var available))
            {
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
                if (message.Budget is null)
                {
                    _qos0Waiting--;
                }
                else
                {
                    message.Budget.Release();
                }

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

    /// <summary>How long the oldest waiting message has waited, or null.</summary>
    public TimeSpan? OldestAge => OldestArrival is { } arrived ? time.GetElapsedTime(arrived) : null;

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
