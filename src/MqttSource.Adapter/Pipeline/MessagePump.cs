using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Delivery;
using MqttSource.Adapter.Logging;
using MqttSource.Adapter.Metrics;
using MqttSource.Mqtt.Client;

namespace MqttSource.Adapter.Pipeline;

/// <summary>
/// From the MQTT client to the sink: a bounded window of in-flight events (<c>parallelism</c>), per-topic ordering or none,
/// and the acknowledgement of each message only after its outcome (the client sends acks in arrival order).
/// On shutdown it stops taking messages, lets in-flight ones finish within the grace period and abandons the rest un-acknowledged.
/// </summary>
internal sealed class MessagePump : IDisposable
{
    private readonly IEventDelivery _delivery;
    private readonly AdapterMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _window;
    private readonly TopicSequencer? _sequencer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    private readonly OverlappingSubscriptions? _overlaps;

    public MessagePump(int parallelism, bool ordered, IEventDelivery delivery, AdapterMetrics metrics, TimeProvider time, ILogger logger, OverlappingSubscriptions? overlaps = null)
    {
        _overlaps = overlaps;
        _delivery = delivery;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _window = new SemaphoreSlim(parallelism, parallelism);
        _sequencer = ordered ? new TopicSequencer(RunAsync) : null;
    }

    /// <summary>Whether shutdown has begun.</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>The MQTT client's message handler. Returns once the message is in the window (it blocks while the window is full).</summary>
    public async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        args.AutoAcknowledge = false;
        if (_stopping.IsCancellationRequested)
        {
            return; // not acknowledged: the broker redelivers it to the next connection of this session
        }

        if (_overlaps?.IsRedundantCopy(args.ApplicationMessage) == true)
        {
            args.Acknowledge(); // the copy of the first matching filter is the one delivered
            return;
        }

        _metrics.MessageReceived();
        try
        {
            await _window.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Interlocked.Increment(ref _inFlight);
        _metrics.InFlightStarted();
        var item = new WorkItem(args, _time.GetUtcNow(), _time.GetTimestamp());
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
        DeliveryOutcomeKind outcome;
        try
        {
            outcome = _abort.IsCancellationRequested
                ? DeliveryOutcomeKind.Abandoned
                : await _delivery.DeliverAsync(item.Received.ApplicationMessage, item.ReceivedAt, _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            outcome = DeliveryOutcomeKind.Abandoned;
        }
        catch (Exception ex)
        {
            // A bug, not a sink failure: keep the message un-acknowledged so it is not lost.
            AdapterLog.DeliveryCrashed(_logger, item.Topic, ex);
            outcome = DeliveryOutcomeKind.Abandoned;
        }

        if (outcome != DeliveryOutcomeKind.Abandoned)
        {
            item.Received.Acknowledge();
        }

        _metrics.InFlightEnded(outcome, _time.GetElapsedTime(item.StartTimestamp));
        _window.Release();
        if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping.IsCancellationRequested)
        {
            _idle.TrySetResult();
        }
    }

    /// <summary>
    /// Stops taking new messages, waits up to <paramref name="grace"/> for in-flight deliveries, then abandons the rest
    /// (they stay un-acknowledged). Returns how many were abandoned.
    /// </summary>
    public async Task<int> DrainAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _inFlight) == 0)
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
            var left = Volatile.Read(ref _inFlight);
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
