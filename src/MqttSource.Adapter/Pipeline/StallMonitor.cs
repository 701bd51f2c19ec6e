using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Delivery;
using MqttSource.Adapter.Logging;
using MqttSource.Adapter.Metrics;

namespace MqttSource.Adapter.Pipeline;

/// <summary>
/// Makes a stall visible. Every few seconds it looks at the oldest message not yet acknowledged (or, QoS 0, not yet
/// delivered). Past the threshold it tells a sink outage — deliveries are retrying: a warning, readiness stays up — from
/// no progress without a reason — no delivery ended for a whole threshold and none is retrying: an error, a count in
/// <c>mqttsource_stalls_total</c>, readiness goes down, and the MQTT connection is recycled so that the broker redelivers
/// what was not acknowledged (once per threshold while the stall lasts).
/// </summary>
internal sealed class StallMonitor(
    TimeSpan threshold,
    Func<TimeSpan?> oldestUnacked,
    MessagePump pump,
    SinkHealth sink,
    Func<int> waiting,
    Action<string> recycleConnection,
    AdapterMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private long _lastReport = long.MinValue;
    private volatile int _state;

    /// <summary>The threshold: messages may wait this long before the monitor says anything.</summary>
    public TimeSpan Threshold { get; } = threshold;

    /// <summary>The conclusion of the last check.</summary>
    public StallState State => (StallState)_state;

    /// <summary>One check (the loop calls it; tests call it directly).</summary>
    public StallState Check()
    {
        var age = oldestUnacked() ?? TimeSpan.Zero;
        var previous = State;
        var state = age <= Threshold || pump.SinceLastOutcome < Threshold
            ? StallState.Progressing
            : sink.Retrying > 0 ? StallState.SinkOutage : StallState.Stalled;
        var now = time.GetTimestamp();
        var due = previous != state || _lastReport == long.MinValue || time.GetElapsedTime(_lastReport, now) >= Threshold;
        switch (state)
        {
            case StallState.Progressing when previous != StallState.Progressing:
                AdapterLog.Recovered(logger, Math.Round(age.TotalSeconds, 1));
                break;
            case StallState.SinkOutage when due:
                _lastReport = now;
                AdapterLog.SinkOutage(logger, Math.Round(age.TotalSeconds, 1), sink.LastFailure ?? "unknown", sink.Retrying);
                break;
            case StallState.Stalled when due:
                _lastReport = now;
                metrics.Stalled();
                AdapterLog.Stalled(logger, Math.Round(age.TotalSeconds, 1), pump.InFlight, waiting());
                recycleConnection($"no progress for {age.TotalSeconds:0} s without a sink failure");
                break;
        }

        _state = (int)state; // after the log line: whoever sees the state finds the line
        return state;
    }

    /// <summary>Checks every quarter threshold (1 to 15 s) until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(Threshold.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerSecond * 15));
        try
        {
            while (true)
            {
                await Task.Delay(period, time, cancellationToken).ConfigureAwait(false);
                Check();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
