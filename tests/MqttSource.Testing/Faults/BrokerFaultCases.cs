using System.Globalization;
using MqttSource.Testing.Sinks;

namespace MqttSource.Testing.Faults;

/// <summary>
/// Faults of the broker: a clean restart and a kill -9 mid-stream (persistence on: the broker keeps every message it
/// acknowledged up to its last save), and a restart during a long sink outage with the window full, where the adapter
/// must reconnect, re-subscribe and be ready again while the sink still fails.
/// </summary>
public static class BrokerFaultCases
{
    private static readonly TimeSpan s_conditionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Mosquitto stops cleanly (it saves) while events are in flight, stays down for the fault, starts again.</summary>
    public static FaultCase Restart() => new()
    {
        Name = "broker-restart",
        Fault = "Mosquitto restarted (clean stop) mid-stream",
        PrepareAsync = SlowSink,
        InjectAsync = async run =>
        {
            await PublishAndWaitForSomeAsync(run).ConfigureAwait(false);
            run.FaultStarts();
            await run.Broker.StopAsync().ConfigureAwait(false);
            await run.UntilFaultDurationAsync().ConfigureAwait(false);
            await run.Broker.StartAgainAsync().ConfigureAwait(false);
            run.FaultEnds();
        },
    };

    /// <summary>
    /// Mosquitto killed -9 while the sink holds a full window: first the broker saves (autosave every second) with every
    /// message it acknowledged, so a kill -9 loses nothing the broker kept; the held events are answered only after the
    /// restart, when their acknowledgements can no longer reach the broker.
    /// </summary>
    public static FaultCase Kill() => new()
    {
        Name = "broker-kill9",
        Fault = "Mosquitto killed -9 with the window full, restarted",
        InjectAsync = async run =>
        {
            run.Sink.Hold();
            await run.Publisher.PublishAsync(run.Scale.During).ConfigureAwait(false);
            var publishedAt = DateTime.UtcNow;
            var database = Path.Combine(run.Broker.DataDirectory, "mosquitto.db");
            await WaitForFullWindowAsync(run).ConfigureAwait(false);
            await run.WaitAsync(() => Task.FromResult(File.Exists(database) && File.GetLastWriteTimeUtc(database) > publishedAt), s_conditionTimeout, "Mosquitto saved its database after the last message was acknowledged").ConfigureAwait(false);
            run.FaultStarts();
            run.Broker.Kill();
            await run.UntilFaultDurationAsync().ConfigureAwait(false);
            await run.Broker.StartAgainAsync().ConfigureAwait(false);
            run.Sink.Release();
            run.FaultEnds();
        },
    };

    /// <summary>The sink answers 503 (window full, retrying without end) while Mosquitto restarts.</summary>
    public static FaultCase RestartDuringSinkOutage() => new()
    {
        Name = "outage-broker-restart",
        Fault = "sink 503 with the window full while Mosquitto restarts",
        InjectAsync = async run =>
        {
            run.FaultStarts();
            run.Sink.Behaviour = static _ => SinkResponse.Status(503, "down");
            await run.Publisher.PublishAsync(run.Scale.During).ConfigureAwait(false);
            await WaitForFullWindowAsync(run).ConfigureAwait(false);
            var reconnects = (await run.Adapter.MetricsAsync().ConfigureAwait(false))?.Reconnects ?? 0;
            await run.Broker.RestartAsync().ConfigureAwait(false);
            var restarted = DateTimeOffset.UtcNow;

            // The outage lasts at least until the adapter is ready again (bounded): "ready during the outage" holds by construction.
            var left = run.FaultStartedAt!.Value + run.Scale.FaultDuration - restarted;
            var ready = await run.WaitAsync(
                async () => await run.Adapter.MetricsAsync().ConfigureAwait(false) is { } m && m.Reconnects > reconnects && await run.Adapter.IsReadyAsync().ConfigureAwait(false),
                left > s_conditionTimeout ? left : s_conditionTimeout,
                "the adapter reconnected, re-subscribed and was ready again while the sink still answered 503 (re-subscribing must not wait behind the full window)").ConfigureAwait(false);
            if (ready)
            {
                run.Note(string.Create(CultureInfo.InvariantCulture, $"ready again {(DateTimeOffset.UtcNow - restarted).TotalSeconds:0.0} s after the broker restarted, during the sink outage"));
            }

            await run.UntilFaultDurationAsync().ConfigureAwait(false);
            run.Sink.Behaviour = static _ => SinkResponse.Accepted;
            run.FaultEnds();
        },
    };

    /// <summary>A sink that takes up to 100 ms, so that events are in flight when a fault strikes.</summary>
    internal static Task SlowSink(FaultRun run)
    {
        run.Sink.DelayRandomly(TimeSpan.FromMilliseconds(100), seed: 10);
        return Task.CompletedTask;
    }

    /// <summary>Publishes the "during" messages at once and waits until a quarter of them arrived: the fault then strikes mid-stream.</summary>
    internal static async Task PublishAndWaitForSomeAsync(FaultRun run)
    {
        var before = run.AcceptedNumbered();
        await run.Publisher.PublishAsync(run.Scale.During).ConfigureAwait(false);
        await run.WaitAsync(() => Task.FromResult(run.AcceptedNumbered() >= before + (run.Scale.During / 4)), s_conditionTimeout, "a quarter of the messages arrived").ConfigureAwait(false);
    }

    /// <summary>Waits until the adapter has a full window of events in flight.</summary>
    internal static Task<bool> WaitForFullWindowAsync(FaultRun run) =>
        run.WaitAsync(
            async () => await run.Adapter.MetricsAsync().ConfigureAwait(false) is { InFlight: >= FaultRun.Parallelism },
            s_conditionTimeout,
            "the adapter's window is full");
}
