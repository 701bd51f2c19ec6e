using System.Collections.Concurrent;
using MqttSource.Adapter.Delivery;
using MqttSource.Adapter.Pipeline;
using MqttSource.Mqtt;
using MqttSource.Mqtt.Client;

namespace MqttSource.Adapter.Tests.Support;

/// <summary>
/// A delivery the test finishes by hand: every call waits until the test completes it (by payload text) with an outcome or
/// an exception. It records the order in which deliveries started, and runs concurrently as the pump lets it.
/// </summary>
internal sealed class ScriptedDelivery : IEventDelivery
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeliveryOutcomeKind>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _started = new();
    private int _running;
    private int _maxRunning;

    /// <summary>When set, deliveries end at once with this outcome instead of waiting for the test.</summary>
    public DeliveryOutcomeKind? Immediate { get; set; }

    /// <summary>Payload texts in the order their deliveries started.</summary>
    public IReadOnlyList<string> Started => [.. _started];

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public async Task<DeliveryOutcomeKind> DeliverAsync(MqttApplicationMessage message, DateTimeOffset receivedAt, CancellationToken abort)
    {
        var key = System.Text.Encoding.UTF8.GetString(message.Payload.Span);
        _started.Enqueue(key);
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }

        try
        {
            if (Immediate is { } outcome)
            {
                return outcome;
            }

            var completion = _pending.GetOrAdd(key, _ => new TaskCompletionSource<DeliveryOutcomeKind>(TaskCreationOptions.RunContinuationsAsynchronously));
            return await completion.Task.WaitAsync(abort);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Ends the delivery of <paramref name="payload"/> (now or when it starts) with <paramref name="outcome"/>.</summary>
    public void Complete(string payload, DeliveryOutcomeKind outcome = DeliveryOutcomeKind.Delivered) => Slot(payload).TrySetResult(outcome);

    /// <summary>Makes the delivery of <paramref name="payload"/> throw <paramref name="exception"/>.</summary>
    public void Fail(string payload, Exception exception) => Slot(payload).TrySetException(exception);

    /// <summary>Forgets a finished delivery so that the same payload can be delivered again.</summary>
    public void Reset(string payload) => _pending.TryRemove(payload, out _);

    private TaskCompletionSource<DeliveryOutcomeKind> Slot(string payload) =>
        _pending.GetOrAdd(payload, _ => new TaskCompletionSource<DeliveryOutcomeKind>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>A received message as the MQTT client hands it over, recording its acknowledgement.</summary>
    public static Received Message(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var received = new Received();
        var message = new MqttApplicationMessage { Topic = topic, Payload = System.Text.Encoding.UTF8.GetBytes(payload), QualityOfServiceLevel = qos };
        received.Args = new MqttApplicationMessageReceivedEventArgs(message, 1, "test", _ => received.AckCount++);
        return received;
    }

    /// <summary>A message and how often it was acknowledged.</summary>
    internal sealed class Received
    {
        public MqttApplicationMessageReceivedEventArgs Args { get; set; } = null!;

        public int AckCount { get; set; }
    }
}
