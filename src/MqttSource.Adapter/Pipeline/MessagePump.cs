using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Delivery;
using MqttSource.Adapter.Logging;
using MqttSource.Adapter.Metrics;
using MqttSource.Mqtt;
using MqttSource.Mqtt.Client;

namespace MqttSource.Adapter.Pipeline;

/// <summary>
/// From the MQTT client to the sink: a bounded window of in-flight events (<c>parallelism</c>), per-topic ordering or none,
/// and the acknowledgement of each message only after its outcome (the client sends acks in arrival order).
/// Every admitted message reaches exactly one <see cref="DeliveryOutcomeKind"/>: an exception nobody classified is
/// logged, counted and turned into a redelivery (the connection is recycled), never into a silent ack hole.
/// On shutdown it stops taking messages, lets in-flight ones finish within the grace period and abandons the rest
/// un-acknowledged.
/// </summary>
internal sealed class MessagePump : IDisposable
{
    private readonly IEventDelivery _delivery;
    private readonly AdapterMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _window;
    private readonly TopicSequencer? _sequencer;
    private readonly OverlappingSubscriptions? _overlaps;
    private readonly Action<string> _recycleConnection;
    private readonly CrashMemory _crashes = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly HashSet<WorkItem> _active = [];
    private bool _stopped;
    private int _admitted;
    private long _lastOutcome;

    public MessagePump(int parallelism, bool ordered, IEventDelivery delivery, AdapterMetrics metrics, TimeProvider time, ILogger logger, OverlappingSubscriptions? overlaps = null, Action<string>? recycleConnection = null)
    {
        _overlaps = overlaps;
        _delivery = delivery;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _recycleConnection = recycleConnection ?? (static _ => { });
        _window = new SemaphoreSlim(parallelism, parallelism);
        _lastOutcome = time.GetTimestamp();
        _sequencer = ordered ? new TopicSequencer(RunAsync) : null;
    }

    /// <summary>Whether shutdown has begun.</summary>
    public bool IsStopping => Volatile.Read(ref _stopped);

    /// <summary>Events in the window now.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _active.Count;
            }
        }
    }

    /// <summary>Time since a delivery last ended (any outcome), or since the pump was made.</summary>
    public TimeSpan SinceLastOutcome => _time.GetElapsedTime(Volatile.Read(ref _lastOutcome));

    /// <summary>How long the oldest event in the window has been in it, or null when none is.</summary>
    public TimeSpan? OldestInFlightAge
    {
        get
        {
            long? oldest = null;
            lock (_lock)
            {
                foreach (var item in _active)
                {
                    if (oldest is null || item.StartTimestamp < oldest)
                    {
                        oldest = item.StartTimestamp;
                    }
                }
            }

            return oldest is { } start ? _time.GetElapsedTime(start) : null;
        }
    }

    /// <summary>The MQTT client's message handler. Returns once the message is in the window (it waits while the window is full).</summary>
    public async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        args.AutoAcknowledge = false;
        if (_overlaps?.IsRedundantCopy(args.ApplicationMessage) == true)
        {
            args.Acknowledge(); // the copy of the first matching filter is the one delivered
            return;
        }

        _metrics.MessageReceived();
        bool admitted;
        lock (_lock)
        {
            // Admission and the start of shutdown are decided under one lock: a message either counts for the drain or is refused.
            admitted = !_stopped;
            if (admitted)
            {
                _admitted++;
            }
        }

        if (!admitted)
        {
            // Not acknowledged: the broker redelivers it to the next connection of this session (QoS 0: lost).
            _metrics.NotAdmitted(IsAtMostOnce(args));
            return;
        }

        try
        {
            await _window.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _metrics.NotAdmitted(IsAtMostOnce(args));
            Leave();
            return;
        }

        var item = new WorkItem(args, _time.GetUtcNow(), _time.GetTimestamp());
        lock (_lock)
        {
            _active.Add(item);
        }

        _metrics.InFlightStarted();
        if (_sequencer is not null)
        {
            _sequencer.Enqueue(item);
        }
        else
        {
            _ = RunAsync(item);
        }
    }

    private async Task RunAsync(WorkItem item)
    {
        var outcome = DeliveryOutcomeKind.Abandoned;
        try
        {
            if (!_abort.IsCancellationRequested)
            {
                outcome = await _delivery.DeliverAsync(item.Received.ApplicationMessage, item.ReceivedAt, _abort.Token).ConfigureAwait(false);
                if (outcome == DeliveryOutcomeKind.Abandoned && !_abort.IsCancellationRequested)
                {
                    outcome = Crashed(item, new InvalidOperationException("the delivery was abandoned while the adapter runs"));
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            outcome = DeliveryOutcomeKind.Abandoned;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            outcome = Crashed(item, ex);
        }
        finally
        {
            Finish(item, outcome);
        }
    }

    /// <summary>An exception nobody classified: count it, log it, and get the message redelivered — or, the second time, drop it.</summary>
    private DeliveryOutcomeKind Crashed(WorkItem item, Exception ex)
    {
        _metrics.InternalError();
        var message = item.Received.ApplicationMessage;
        if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce || _crashes.FailedBefore(message))
        {
            AdapterLog.DeliveryCrashedDropped(_logger, LogText.Clip(item.Topic)!, ex);
            return DeliveryOutcomeKind.Dropped;
        }

        AdapterLog.DeliveryCrashed(_logger, LogText.Clip(item.Topic)!, ex);
        _recycleConnection($"delivery of a message from '{item.Topic}' failed unexpectedly: {ex.GetType().Name}");
        return DeliveryOutcomeKind.Redelivered;
    }

    private void Finish(WorkItem item, DeliveryOutcomeKind outcome)
    {
        try
        {
            if (outcome is not (DeliveryOutcomeKind.Abandoned or DeliveryOutcomeKind.Redelivered))
            {
                item.Received.Acknowledge();
            }
        }
        finally
        {
            lock (_lock)
            {
                _active.Remove(item);
            }

            Volatile.Write(ref _lastOutcome, _time.GetTimestamp());
            _metrics.InFlightEnded(outcome, _time.GetElapsedTime(item.StartTimestamp), IsAtMostOnce(item.Received));
            _window.Release();
            Leave();
        }
    }

    private void Leave()
    {
        lock (_lock)
        {
            if (--_admitted == 0 && _stopped)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static bool IsAtMostOnce(MqttApplicationMessageReceivedEventArgs args) =>
        args.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce;

    /// <summary>
    /// Stops taking new messages, waits up to <paramref name="grace"/> for in-flight deliveries, then abandons the rest
    /// (they stay un-acknowledged; QoS 0 ones are lost). Returns how many were abandoned.
    /// </summary>
    public async Task<int> DrainAsync(TimeSpan grace)
    {
        int admitted;
        lock (_lock)
        {
            _stopped = true;
            admitted = _admitted;
            if (admitted == 0)
            {
                _idle.TrySetResult();
            }
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (admitted == 0)
        {
            return 0;
        }

        try
        {
            await _idle.Task.WaitAsync(grace, _time).ConfigureAwait(false);
            return 0;
        }
        catch (TimeoutException)
        {
            var left = Volatile.Read(ref _admitted);
            await _abort.CancelAsync().ConfigureAwait(false);
            try
            {
                await _idle.Task.WaitAsync(TimeSpan.FromSeconds(5), _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Deliveries ignoring cancellation: they stay un-acknowledged anyway (the connection closes next).
            }

            return left;
        }
    }

    public void Dispose()
    {
        _window.Dispose();
        _stopping.Dispose();
        _abort.Dispose();
    }
}
