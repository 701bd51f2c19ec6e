using System.Globalization;
using MqttSource.Testing.Sinks;

namespace MqttSource.Testing.Faults;

/// <summary>
/// Faults of the link between the adapter and the broker, through a <see cref="FaultProxy"/>: a freeze (both sockets stay
/// open, nothing passes: half-open) that the adapter must notice within 1.5× its keep alive — also while a sink outage
/// fills its window — and a drop (RST both ways, connects reset until it heals).
/// </summary>
public static class LinkFaultCases
{
    /// <summary>The link freezes while the adapter is idle.</summary>
    public static FaultCase Freeze() => new()
    {
        Name = "link-freeze",
        Fault = "adapter-broker link freezes (half-open)",
        BrokerProxy = true,
        ShortKeepAlive = true,
        InjectAsync = async run =>
        {
            run.FaultStarts();
            await run.BrokerProxy!.FreezeAsync().ConfigureAwait(false);
            await run.Publisher.PublishPacedAsync(run.Scale.During, run.Scale.FaultDuration * 0.8).ConfigureAwait(false);
            await run.UntilFaultDurationAsync().ConfigureAwait(false);
            ExpectNoticed(run);
            await run.BrokerProxy.HealAsync().ConfigureAwait(false);
            run.FaultEnds();
        },
    };

    /// <summary>The link freezes while the sink answers 503 and the adapter's window is full (backpressure).</summary>
    public static FaultCase FreezeWithFullWindow() => new()
    {
        Name = "link-freeze-window-full",
        Fault = "link freezes (half-open) while the sink answers 503 and the window is full",
        BrokerProxy = true,
        ShortKeepAlive = true,
        InjectAsync = async run =>
        {
            run.Sink.Behaviour = static _ => SinkResponse.Status(503, "down");
            await run.Publisher.PublishAsync(run.Scale.During / 2).ConfigureAwait(false);
            await BrokerFaultCases.WaitForFullWindowAsync(run).ConfigureAwait(false);
            run.FaultStarts();
            await run.BrokerProxy!.FreezeAsync().ConfigureAwait(false);
            await run.Publisher.PublishPacedAsync(run.Scale.During - (run.Scale.During / 2), run.Scale.FaultDuration * 0.8).ConfigureAwait(false);
            await run.UntilFaultDurationAsync().ConfigureAwait(false);
            ExpectNoticed(run);
            await run.BrokerProxy.HealAsync().ConfigureAwait(false);
            run.Sink.Behaviour = static _ => SinkResponse.Accepted;
            run.FaultEnds();
        },
    };

    /// <summary>The link is reset both ways mid-stream and new connects are reset until it heals.</summary>
    public static FaultCase Drop() => new()
    {
        Name = "link-drop",
        Fault = "adapter-broker link reset both ways, connects reset until healed",
        BrokerProxy = true,
        PrepareAsync = BrokerFaultCases.SlowSink,
        InjectAsync = async run =>
        {
            await BrokerFaultCases.PublishAndWaitForSomeAsync(run).ConfigureAwait(false);
            run.FaultStarts();
            await run.BrokerProxy!.ResetAsync().ConfigureAwait(false);
            await run.Publisher.PublishPacedAsync(run.Scale.During, run.Scale.FaultDuration * 0.8).ConfigureAwait(false);
            await run.UntilFaultDurationAsync().ConfigureAwait(false);
            await run.BrokerProxy.HealAsync().ConfigureAwait(false);
            run.FaultEnds();
        },
    };

    /// <summary>The adapter must close the frozen connection within 1.5× keep alive of the freeze (PRODUCT.md §5, issue 10).</summary>
    private static void ExpectNoticed(FaultRun run)
    {
        var start = run.FaultStartedAt!.Value;
        var limit = run.KeepAlive * 1.5;
        var noticed = run.BrokerProxy!.Connections
            .Where(c => c.AcceptedIn == ProxyMode.Forward && c.AcceptedAt < start && c.ClientClosedAt >= start)
            .Select(c => c.ClientClosedAt!.Value - start)
            .DefaultIfEmpty(TimeSpan.MaxValue)
            .Min();
        if (noticed == TimeSpan.MaxValue)
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"the adapter did not notice the half-open connection in {run.Scale.FaultDuration.TotalSeconds:0} s (keep alive {run.KeepAlive.TotalSeconds:0} s: it must within {limit.TotalSeconds:0.#} s)"));
        }
        else if (noticed > limit)
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"the adapter noticed the half-open connection after {noticed.TotalSeconds:0.0} s, later than 1.5 x keep alive = {limit.TotalSeconds:0.#} s"));
        }
        else
        {
            run.Note(string.Create(CultureInfo.InvariantCulture, $"half-open connection noticed after {noticed.TotalSeconds:0.0} s (keep alive {run.KeepAlive.TotalSeconds:0} s, limit {limit.TotalSeconds:0.#} s)"));
        }
    }
}
