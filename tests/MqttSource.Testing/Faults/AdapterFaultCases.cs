using System.Globalization;

namespace MqttSource.Testing.Faults;

/// <summary>The adapter itself dies: kill -9 in a bounded loop while messages keep coming, a restart after each.</summary>
public static class AdapterFaultCases
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_progressTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// kill -9 <see cref="FaultScale.AdapterKills"/> times, spread over the fault, each time after the adapter delivered
    /// something since it started; publishing goes on all along. Each kill can leave at most one window (Receive Maximum =
    /// parallelism) delivered but un-acknowledged, which the broker sends again.
    /// </summary>
    public static FaultCase KillLoop() => new()
    {
        Name = "adapter-kill9-loop",
        Fault = "adapter killed -9 in a loop mid-stream, restarted each time",
        PrepareAsync = run =>
        {
            run.Sink.DelayRandomly(TimeSpan.FromMilliseconds(20), seed: 9);
            return Task.CompletedTask;
        },
        DuplicateBound = static scale => DuplicateBound.Windows(scale.AdapterKills, "kill -9"),
        InjectAsync = async run =>
        {
            var kills = run.Scale.AdapterKills;
            run.FaultStarts();
            var start = run.FaultStartedAt!.Value;
            var publishing = run.Publisher.PublishPacedAsync(run.Scale.During, run.Scale.FaultDuration);
            var seen = run.AcceptedNumbered();
            for (var i = 1; i <= kills; i++)
            {
                var due = start + (run.Scale.FaultDuration * i / (kills + 1)) - DateTimeOffset.UtcNow;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due).ConfigureAwait(false);
                }

                // Progress since this process started (it may have caught up with the backlog before the kill is due).
                var since = seen;
                if (!await run.WaitAsync(() => Task.FromResult(run.AcceptedNumbered() > since), s_progressTimeout, string.Create(CultureInfo.InvariantCulture, $"the adapter delivered something before kill {i}")).ConfigureAwait(false))
                {
                    break;
                }

                run.Adapter.Kill();
                seen = run.AcceptedNumbered();
                await run.Adapter.StartAsync(s_readyTimeout).ConfigureAwait(false);
            }

            await publishing.ConfigureAwait(false);
            run.Note(string.Create(CultureInfo.InvariantCulture, $"{run.Adapter.Starts - 1} kills, {run.Adapter.Starts} adapter processes"));
            run.FaultEnds();
        },
    };
}
