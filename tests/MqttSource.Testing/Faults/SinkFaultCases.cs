using System.Globalization;
using MqttSource.Testing.Sinks;

namespace MqttSource.Testing.Faults;

/// <summary>
/// Faults of the sink and of the way to it: no TCP connect, resets, hangs after the request or the response head, 5xx and
/// 429 storms with Retry-After. The adapter must keep retrying (ready all along: a sink outage is healthy), lose nothing
/// and catch up once the sink is back.
/// </summary>
public static class SinkFaultCases
{
    private static readonly TimeSpan s_retryAfter = TimeSpan.FromSeconds(2);

    /// <summary>The sink accepts no TCP connection for a while (SYNs dropped: an uplink that drops packets), then serves.</summary>
    public static FaultCase NoConnect() => ThroughProxy(
        "sink-no-connect",
        "sink accepts no TCP connection (SYNs dropped)",
        attemptTimeout: null,
        proxy => proxy.MakeUnreachableAsync(),
        beforeHeal: ExpectVisibleStallAsync);

    /// <summary>The sink resets every connection (RST) for a while.</summary>
    public static FaultCase Reset() => ThroughProxy(
        "sink-reset",
        "sink resets every connection (RST)",
        attemptTimeout: null,
        proxy => proxy.ResetAsync());

    /// <summary>The sink reads the request head, then never answers.</summary>
    public static FaultCase HangAfterRequestHead() => ThroughProxy(
        "sink-hang-request",
        "sink hangs after the request head (timeout 4 s)",
        attemptTimeout: "PT4S",
        proxy => proxy.HangAfterRequestHeadAsync());

    /// <summary>The sink sends a 503 response head and never the body.</summary>
    public static FaultCase HangAfterResponseHead() => ThroughProxy(
        "sink-hang-response",
        "sink sends a 503 head, never the body (timeout 4 s)",
        attemptTimeout: "PT4S",
        proxy => proxy.HangAfterResponseHeadAsync(503));

    /// <summary>The sink answers 503 with Retry-After for a while.</summary>
    public static FaultCase ServerErrorStorm() => StatusStorm("sink-503-storm", 503);

    /// <summary>The sink answers 429 with Retry-After for a while.</summary>
    public static FaultCase TooManyRequestsStorm() => StatusStorm("sink-429-storm", 429);

    private static FaultCase ThroughProxy(string name, string fault, string? attemptTimeout, Func<FaultProxy, Task> inject, Func<FaultRun, Task>? beforeHeal = null) => new()
    {
        Name = name,
        Fault = fault,
        SinkFront = SinkFront.Proxy,
        AttemptTimeout = attemptTimeout,
        ReadyDuringFault = true,
        InjectAsync = async run =>
        {
            run.FaultStarts();
            await inject(run.SinkProxy!).ConfigureAwait(false);
            await run.Publisher.PublishPacedAsync(run.Scale.During, run.Scale.FaultDuration * 0.8).ConfigureAwait(false);
            await run.UntilFaultDurationAsync().ConfigureAwait(false);
            if (beforeHeal is not null)
            {
                await beforeHeal(run).ConfigureAwait(false);
            }

            await run.SinkProxy!.HealAsync().ConfigureAwait(false);
            run.FaultEnds();
        },
    };

    private static FaultCase StatusStorm(string name, int statusCode) => new()
    {
        Name = name,
        Fault = string.Create(CultureInfo.InvariantCulture, $"sink answers {statusCode} with Retry-After: {s_retryAfter.TotalSeconds:0}"),
        ReadyDuringFault = true,
        InjectAsync = async run =>
        {
            run.FaultStarts();
            run.Sink.FailFor(run.Scale.FaultDuration, statusCode, s_retryAfter);
            await run.Publisher.PublishPacedAsync(run.Scale.During, run.Scale.FaultDuration * 0.8).ConfigureAwait(false);
            await run.UntilFaultDurationAsync().ConfigureAwait(false);
            run.Sink.Behaviour = static _ => SinkResponse.Accepted;
            run.FaultEnds();
        },
        CheckAsync = run =>
        {
            CheckRetryAfterHonoured(run, statusCode);
            return Task.CompletedTask;
        },
    };

    /// <summary>A retry of an event that was answered with Retry-After comes no sooner than asked.</summary>
    private static void CheckRetryAfterHonoured(FaultRun run, int statusCode)
    {
        var refused = run.Sink.Requests.Count(r => r.StatusCode == statusCode);
        if (refused == 0)
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"the sink never answered {statusCode}: the storm did not happen"));
            return;
        }

        // Timer granularity: a retry may come a few milliseconds early by the sink's clock.
        var tolerance = TimeSpan.FromMilliseconds(50);
        var early = run.Sink.Requests
            .Where(r => r.Header("ce-id") is not null)
            .GroupBy(r => r.Header("ce-id"), StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(r => r.ArrivedAt).Zip(g.OrderBy(r => r.ArrivedAt).Skip(1)))
            .Where(pair => pair.First.StatusCode == statusCode && pair.Second.ArrivedAt - pair.First.ArrivedAt < s_retryAfter - tolerance)
            .ToList();
        if (early.Count > 0)
        {
            var (first, second) = early[0];
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"{early.Count} retries came sooner than Retry-After {s_retryAfter.TotalSeconds:0} s, e.g. event {first.Header("ce-id")} again after {(second.ArrivedAt - first.ArrivedAt).TotalSeconds:0.000} s"));
        }

        run.Note(string.Create(CultureInfo.InvariantCulture, $"{refused} attempts answered {statusCode}"));
    }

    /// <summary>A sink outage leaves messages un-acknowledged for as long as it lasts: the stall metric must show it.</summary>
    private static async Task ExpectVisibleStallAsync(FaultRun run)
    {
        var metrics = await run.Adapter.MetricsAsync().ConfigureAwait(false);
        var expected = run.Scale.FaultDuration.TotalSeconds / 2;
        if (metrics?.OldestUnackedAgeSeconds is not { } age)
        {
            run.Fail("during the sink outage mqttsource_oldest_unacked_age_seconds was not exposed");
        }
        else if (age < expected)
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"during the sink outage the oldest un-acknowledged message was {age:0.0} s old by the metric, expected at least {expected:0} s"));
        }
        else
        {
            run.Note(string.Create(CultureInfo.InvariantCulture, $"oldest un-acknowledged message {age:0.0} s old at the end of the outage"));
        }
    }
}
