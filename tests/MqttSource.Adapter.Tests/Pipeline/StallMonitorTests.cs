using Microsoft.Extensions.Logging.Abstractions;
using MqttSource.Adapter.Delivery;
using MqttSource.Adapter.Metrics;
using MqttSource.Adapter.Pipeline;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing.Time;

namespace MqttSource.Adapter.Tests.Pipeline;

/// <summary>
/// Issue 10, "a stall you can see": a sink outage (retrying) is told apart from no progress without a reason, on a manual
/// clock: only the second recycles the connection, counts a stall and takes readiness down.
/// </summary>
public sealed class StallMonitorTests : IDisposable
{
    private static readonly TimeSpan s_threshold = TimeSpan.FromSeconds(60);
    private readonly ManualTimeProvider _time = new();
    private readonly AdapterMetrics _metrics = new();
    private readonly ScriptedDelivery _delivery = new();
    private readonly List<string> _recycled = [];
    private readonly SinkHealth _sink;
    private readonly MessagePump _pump;
    private TimeSpan? _oldest;

    public StallMonitorTests()
    {
        _sink = new SinkHealth(_time);
        _pump = new MessagePump(4, false, _delivery, _metrics, _time, NullLogger.Instance);
    }

    public void Dispose() => _pump.Dispose();

    private StallMonitor Monitor() => new(s_threshold, () => _oldest, _pump, _sink, () => 3, _recycled.Add, _metrics, _time, NullLogger.Instance);

    [Fact]
    public void Check_NothingWaiting_Progressing()
    {
        var monitor = Monitor();
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(StallState.Progressing, monitor.Check());
        Assert.Empty(_recycled);
    }

    [Fact]
    public void Check_OldMessageButDeliveriesStillEnding_Progressing()
    {
        // A slow sink with a queue: the oldest waits long, but outcomes keep coming.
        var monitor = Monitor();
        _oldest = TimeSpan.FromMinutes(3);

        Assert.Equal(StallState.Progressing, monitor.Check());
    }

    [Fact]
    public void Check_OldMessageAndTheSinkRetrying_SinkOutageWithoutRecycling()
    {
        var monitor = Monitor();
        _sink.Failed("HTTP 503", first: true);
        _time.Advance(s_threshold * 2);
        _oldest = s_threshold * 2;

        Assert.Equal(StallState.SinkOutage, monitor.Check());
        Assert.Empty(_recycled);
        Assert.Equal(0, _metrics.Stalls);
        Assert.Equal("HTTP 503", _sink.LastFailure);
    }

    [Fact]
    public void Check_OldMessageNoOutcomeAndNoRetry_StalledRecycledOncePerThreshold()
    {
        var monitor = Monitor();
        _time.Advance(s_threshold * 2);
        _oldest = s_threshold * 2;

        Assert.Equal(StallState.Stalled, monitor.Check());
        Assert.Equal(StallState.Stalled, monitor.Check());
        Assert.Single(_recycled);
        Assert.Equal(1, _metrics.Stalls);

        _time.Advance(s_threshold);
        _oldest += s_threshold;
        monitor.Check();
        Assert.Equal(2, _recycled.Count);
    }

    [Fact]
    public void Check_RetryingEndsWithoutProgress_BecomesAStall()
    {
        var monitor = Monitor();
        _sink.Failed("HTTP 503", first: true);
        _time.Advance(s_threshold * 2);
        _oldest = s_threshold * 2;
        Assert.Equal(StallState.SinkOutage, monitor.Check());

        _sink.RetryEnded();

        Assert.Equal(StallState.Stalled, monitor.Check());
    }

    [Fact]
    public void Check_AfterAStallTheOldestIsYoungAgain_Progressing()
    {
        var monitor = Monitor();
        _time.Advance(s_threshold * 2);
        _oldest = s_threshold * 2;
        Assert.Equal(StallState.Stalled, monitor.Check());

        _oldest = TimeSpan.FromSeconds(1);

        Assert.Equal(StallState.Progressing, monitor.Check());
        Assert.Equal(StallState.Progressing, monitor.State);
    }
}
