using Microsoft.Extensions.Logging.Abstractions;
using MqttSource.Adapter.Delivery;
using MqttSource.Adapter.Metrics;
using MqttSource.Adapter.Pipeline;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Mqtt;
using MqttSource.Testing;

namespace MqttSource.Adapter.Tests.Pipeline;

/// <summary>
/// The pump on its own, with deliveries the test finishes by hand: the window, per-topic order, one outcome per message
/// and its acknowledgement, unexpected failures turned into redeliveries, and the drain.
/// </summary>
public sealed class MessagePumpTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);
    private readonly ScriptedDelivery _delivery = new();
    private readonly AdapterMetrics _metrics = new();
    private readonly List<string> _recycled = [];
    private MessagePump? _pump;

    private MessagePump Pump(int parallelism = 4, bool ordered = false) =>
        _pump = new MessagePump(parallelism, ordered, _delivery, _metrics, TimeProvider.System, NullLogger.Instance, recycleConnection: r =>
        {
            lock (_recycled)
            {
                _recycled.Add(r);
            }
        });

    private static Task WaitAsync(Func<bool> condition, string because) => Eventually.WaitUntilAsync(condition, s_timeout, because);

    public void Dispose() => _pump?.Dispose();

    [Fact]
    public async Task OnMessage_WindowFull_WaitsUntilADeliveryEnds()
    {
        var pump = Pump(parallelism: 2);
        var messages = Enumerable.Range(1, 3).Select(i => ScriptedDelivery.Message("t/" + i, "m" + i)).ToList();

        await pump.OnMessageAsync(messages[0].Args);
        await pump.OnMessageAsync(messages[1].Args);
        var third = pump.OnMessageAsync(messages[2].Args);
        await WaitAsync(() => _delivery.Running == 2, "two deliveries run");

        Assert.False(third.IsCompleted);
        _delivery.Complete("m2");
        await third.WaitAsync(s_timeout);
        await WaitAsync(() => _delivery.Started.Count == 3, "the third started");
        Assert.Equal(2, _delivery.MaxRunning);
        Assert.Equal(1, messages[1].AckCount);
        Assert.Equal(0, messages[0].AckCount);
    }

    [Theory]
    [InlineData(nameof(DeliveryOutcomeKind.Delivered))]
    [InlineData(nameof(DeliveryOutcomeKind.DeadLettered))]
    [InlineData(nameof(DeliveryOutcomeKind.Dropped))]
    public async Task OnMessage_AnyFinalOutcome_AcknowledgedOnceAndCounted(string outcome)
    {
        var pump = Pump();
        var message = ScriptedDelivery.Message("t", "m");
        _delivery.Immediate = Enum.Parse<DeliveryOutcomeKind>(outcome);

        await pump.OnMessageAsync(message.Args);
        await WaitAsync(() => _metrics.InFlight == 0 && message.AckCount == 1, "acknowledged");

        Assert.Equal(1, _metrics.Delivered + _metrics.DeadLettered + _metrics.Dropped);
        Assert.Empty(_recycled);
    }

    [Fact]
    public async Task OnMessage_Ordered_SameTopicOneAfterAnotherOtherTopicsInParallel()
    {
        var pump = Pump(parallelism: 8, ordered: true);
        string[] payloads = ["a1", "b1", "a2", "b2", "a3"];
        foreach (var payload in payloads)
        {
            await pump.OnMessageAsync(ScriptedDelivery.Message("t/" + payload[0], payload).Args);
        }

        await WaitAsync(() => _delivery.Started.Count == 2, "a1 and b1 started");
        Assert.Equal(["a1", "b1"], _delivery.Started.Order());

        // Complete out of arrival order across topics: each topic still goes in its own order.
        _delivery.Complete("b1");
        await WaitAsync(() => _delivery.Started.Contains("b2"), "b2 started after b1");
        Assert.DoesNotContain("a2", _delivery.Started);
        _delivery.Complete("b2");
        _delivery.Complete("a1");
        await WaitAsync(() => _delivery.Started.Contains("a2"), "a2 started after a1");
        _delivery.Complete("a2");
        _delivery.Complete("a3");
        await WaitAsync(() => _metrics.Delivered == 5, "all delivered");

        var started = _delivery.Started.ToList();
        Assert.True(started.IndexOf("a1") < started.IndexOf("a2") && started.IndexOf("a2") < started.IndexOf("a3"), string.Join(",", started));
        Assert.True(started.IndexOf("b1") < started.IndexOf("b2"), string.Join(",", started));
    }

    [Fact]
    public async Task OnMessage_Unordered_SameTopicInParallel()
    {
        var pump = Pump(parallelism: 4, ordered: false);
        foreach (var payload in new[] { "1", "2", "3" })
        {
            await pump.OnMessageAsync(ScriptedDelivery.Message("same", payload).Args);
        }

        await WaitAsync(() => _delivery.Running == 3, "three deliveries of one topic run at once");
    }

    [Fact]
    public async Task OnMessage_DeliveryThrows_NotAcknowledgedConnectionRecycledCounted()
    {
        var pump = Pump();
        var message = ScriptedDelivery.Message("t", "poison");
        _delivery.Fail("poison", new InvalidOperationException("a bug"));

        await pump.OnMessageAsync(message.Args);
        await WaitAsync(() => _metrics.InFlight == 0, "the delivery ended");

        Assert.Equal(0, message.AckCount);
        Assert.Single(_recycled);
        Assert.Equal(1, _metrics.InternalErrors);
        Assert.Equal(1, _metrics.Redelivered);
    }

    [Fact]
    public async Task OnMessage_SameMessageThrowsTwice_DroppedAndAcknowledgedTheSecondTime()
    {
        var pump = Pump();
        _delivery.Fail("poison", new InvalidOperationException("a bug"));
        var first = ScriptedDelivery.Message("t", "poison");
        var redelivered = ScriptedDelivery.Message("t", "poison");

        await pump.OnMessageAsync(first.Args);
        await WaitAsync(() => _metrics.InFlight == 0, "the first delivery ended");
        await pump.OnMessageAsync(redelivered.Args);
        await WaitAsync(() => _metrics.InFlight == 0 && redelivered.AckCount == 1, "the redelivery was dropped");

        Assert.Equal(0, first.AckCount);
        Assert.Single(_recycled);
        Assert.Equal(2, _metrics.InternalErrors);
        Assert.Equal(1, _metrics.Dropped);
    }

    [Fact]
    public async Task OnMessage_Qos0Throws_DroppedWithoutRecycling()
    {
        var pump = Pump();
        var message = ScriptedDelivery.Message("t", "poison", MqttQualityOfServiceLevel.AtMostOnce);
        _delivery.Fail("poison", new NullReferenceException());

        await pump.OnMessageAsync(message.Args);
        await WaitAsync(() => _metrics.InFlight == 0, "the delivery ended");

        Assert.Empty(_recycled);
        Assert.Equal(1, _metrics.Dropped);
    }

    [Fact]
    public async Task OnMessage_DeliveryAbandonedWhileRunning_TreatedAsAnUnexpectedFailure()
    {
        var pump = Pump();
        var message = ScriptedDelivery.Message("t", "m");
        _delivery.Complete("m", DeliveryOutcomeKind.Abandoned);

        await pump.OnMessageAsync(message.Args);
        await WaitAsync(() => _metrics.InFlight == 0, "the delivery ended");

        Assert.Equal(0, message.AckCount);
        Assert.Single(_recycled);
        Assert.Equal(0, _metrics.Abandoned);
    }

    [Fact]
    public async Task Drain_InFlightFinishInTime_NothingAbandoned()
    {
        var pump = Pump();
        var message = ScriptedDelivery.Message("t", "m");
        await pump.OnMessageAsync(message.Args);
        await WaitAsync(() => _delivery.Running == 1, "running");

        var drain = pump.DrainAsync(s_timeout);
        Assert.False(drain.IsCompleted);
        _delivery.Complete("m");

        Assert.Equal(0, await drain.WaitAsync(s_timeout));
        Assert.Equal(1, message.AckCount);
    }

    [Fact]
    public async Task Drain_GraceOver_RestAbandonedUnacknowledgedQos0Counted()
    {
        var pump = Pump();
        var qos1 = ScriptedDelivery.Message("t/1", "m1");
        var qos0 = ScriptedDelivery.Message("t/0", "m0", MqttQualityOfServiceLevel.AtMostOnce);
        await pump.OnMessageAsync(qos1.Args);
        await pump.OnMessageAsync(qos0.Args);
        await WaitAsync(() => _delivery.Running == 2, "running");

        var abandoned = await pump.DrainAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(s_timeout);

        Assert.Equal(2, abandoned);
        Assert.Equal(0, qos1.AckCount + qos0.AckCount);
        Assert.Equal(2, _metrics.Abandoned);
        Assert.Equal(1, _metrics.AbandonedQos0);
        Assert.Empty(_recycled);
    }

    [Fact]
    public async Task Drain_MessageWaitingForTheWindow_NotAdmittedAndNotAcknowledged()
    {
        var pump = Pump(parallelism: 1);
        var running = ScriptedDelivery.Message("t", "m1");
        var waiting = ScriptedDelivery.Message("t", "m2");
        await pump.OnMessageAsync(running.Args);
        var second = pump.OnMessageAsync(waiting.Args);

        var drain = pump.DrainAsync(s_timeout);
        await second.WaitAsync(s_timeout);
        _delivery.Complete("m1");

        Assert.Equal(0, await drain.WaitAsync(s_timeout));
        Assert.Equal(1, running.AckCount);
        Assert.Equal(0, waiting.AckCount);
        Assert.DoesNotContain("m2", _delivery.Started);
        Assert.Equal(1, _metrics.Abandoned);
    }

    [Fact]
    public async Task Drain_RacingArrivals_EveryMessageDeliveredOrRefusedNothingStartsAfterTheDrain()
    {
        // The race of issue 10: DrainAsync must never read zero in flight while a message is entering the window.
        for (var round = 0; round < 50; round++)
        {
            var delivery = new ScriptedDelivery { Immediate = DeliveryOutcomeKind.Delivered };
            var metrics = new AdapterMetrics();
            using var pump = new MessagePump(4, false, delivery, metrics, TimeProvider.System, NullLogger.Instance);
            var messages = Enumerable.Range(0, 20).Select(i => ScriptedDelivery.Message("t/" + (i % 3), "m" + i)).ToList();
            var arrivals = Task.Run(async () =>
            {
                foreach (var message in messages)
                {
                    await pump.OnMessageAsync(message.Args);
                }
            });
            await Task.Yield();
            await pump.DrainAsync(s_timeout).WaitAsync(s_timeout);
            var startedAtDrain = delivery.Started.Count;
            await arrivals.WaitAsync(s_timeout);

            Assert.Equal(startedAtDrain, delivery.Started.Count);
            Assert.Equal(0, metrics.InFlight);
            Assert.Equal(metrics.Received, metrics.Delivered + metrics.Abandoned);
            Assert.All(messages, m => Assert.InRange(m.AckCount, 0, 1));
            Assert.Equal(metrics.Delivered, messages.Sum(m => m.AckCount));
        }
    }

    [Fact]
    public async Task OnMessage_AfterDrain_NotAdmitted()
    {
        var pump = Pump();
        await pump.DrainAsync(s_timeout);
        var late = ScriptedDelivery.Message("t", "late");

        await pump.OnMessageAsync(late.Args);

        Assert.Empty(_delivery.Started);
        Assert.Equal(0, late.AckCount);
        Assert.Equal(1, _metrics.Abandoned);
    }
}
