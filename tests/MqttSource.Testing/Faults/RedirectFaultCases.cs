using System.Globalization;

namespace MqttSource.Testing.Faults;

/// <summary>
/// A sink URL that redirects (PRODUCT.md §5): 307 and 308 are followed for the same request (same method, headers and
/// body), bounded as Go's client bounds them (10 redirects); 301 and other 3xx are not followed and not retried: the
/// event is dead-lettered. The redirect is there for the whole run (no healthy "before"); "the fault" is the publishing
/// of the messages.
/// </summary>
public static class RedirectFaultCases
{
    /// <summary>Go's http.Client stops after 10 redirects; one more request than that is the most an attempt may make.</summary>
    public const int MaxRequestsPerAttempt = 11;

    /// <summary>The sink URL answers 307 with the second sink in Location.</summary>
    public static FaultCase Temporary() => Followed("sink-307", "sink URL answers 307 to a second sink", 307, hops: 1);

    /// <summary>The sink URL answers 308 three times over (a chain), then points at the second sink.</summary>
    public static FaultCase PermanentChain() => Followed("sink-308-chain", "sink URL answers 308 three times over, then the second sink", 308, hops: 3);

    /// <summary>The sink URL redirects to itself for ever; retry 0 and a dead-letter sink.</summary>
    public static FaultCase Loop() => DeadLettered(
        "sink-307-loop",
        "sink URL answers 307 to itself for ever (retry 0, dead-letter sink)",
        307,
        loop: true,
        retry: 0,
        async run =>
        {
            var perEvent = RequestsPerEvent(run);
            if (perEvent.Values.Any(n => n > MaxRequestsPerAttempt))
            {
                run.Fail(string.Create(CultureInfo.InvariantCulture, $"a redirect loop was followed {perEvent.Values.Max()} times for one event with retry 0 (at most {MaxRequestsPerAttempt} requests, as Go's client)"));
            }

            if (perEvent.Values.Any(n => n < 2))
            {
                run.Fail(string.Create(CultureInfo.InvariantCulture, $"{perEvent.Values.Count(n => n < 2)} events met the 307 once and were not redirected"));
            }

            run.Note(string.Create(CultureInfo.InvariantCulture, $"requests per event through the loop: {string.Join(", ", perEvent.Values.Distinct().Order())}"));
            await ExpectDeadLetteredAsync(run, code: null).ConfigureAwait(false);
        });

    /// <summary>The sink URL answers 301: not followed, not retried, dead-lettered.</summary>
    public static FaultCase Moved() => DeadLettered(
        "sink-301",
        "sink URL answers 301 (not followed, not retried; dead-letter sink)",
        301,
        loop: false,
        retry: null,
        async run =>
        {
            var perEvent = RequestsPerEvent(run);
            if (perEvent.Values.Any(n => n != 1))
            {
                run.Fail(string.Create(CultureInfo.InvariantCulture, $"{perEvent.Values.Count(n => n != 1)} events met the 301 more than once (followed or retried), e.g. {perEvent.Values.Max()} times"));
            }

            if (run.Sink.Requests.Count > 0)
            {
                run.Fail(string.Create(CultureInfo.InvariantCulture, $"the 301 was followed: the second sink got {run.Sink.Requests.Count} requests"));
            }

            await ExpectDeadLetteredAsync(run, code: "301").ConfigureAwait(false);
        });

    /// <summary>A redirect the adapter must not get through: every numbered message ends at the dead-letter sink.</summary>
    private static FaultCase DeadLettered(string name, string fault, int status, bool loop, int? retry, Func<FaultRun, Task> check) => new()
    {
        Name = name,
        Fault = fault,
        SinkFront = SinkFront.Redirect,
        RedirectStatus = status,
        RedirectLoop = loop,
        Retry = retry,
        DeadLetterSink = true,
        NumberedGoToDeadLetterSink = true,
        HealthyBefore = false,
        ReadyDuringFault = true,
        DuplicateBound = static _ => DuplicateBound.None,
        InjectAsync = PublishDuringAsync,
        CheckAsync = check,
    };

    private static FaultCase Followed(string name, string fault, int status, int hops) => new()
    {
        Name = name,
        Fault = fault,
        SinkFront = SinkFront.Redirect,
        RedirectStatus = status,
        RedirectHops = hops,
        HealthyBefore = false,
        ReadyDuringFault = true,
        DuplicateBound = static _ => DuplicateBound.None,
        InjectAsync = PublishDuringAsync,
        CheckAsync = run =>
        {
            // The same request each time: every request that reached the sink went through the whole chain first, once,
            // with the same method and body.
            var redirected = run.Redirector!.Requests;
            foreach (var request in run.Sink.Requests)
            {
                var id = request.Header("ce-id");
                var hopsSeen = redirected.Count(r => r.EventId == id);
                var attempts = run.Sink.Requests.Count(r => r.Header("ce-id") == id);
                if (request.Method != "POST" || hopsSeen != hops * attempts || redirected.Any(r => r.EventId == id && r.BodyLength != request.Body.Length))
                {
                    run.Fail(string.Create(CultureInfo.InvariantCulture, $"event {id} reached the second sink as {request.Method} with {request.Body.Length} body bytes after {hopsSeen} redirects for {attempts} attempts (expected POST, the same body, {hops} redirects per attempt)"));
                    break;
                }
            }

            return Task.CompletedTask;
        },
    };

    private static async Task PublishDuringAsync(FaultRun run)
    {
        run.FaultStarts();
        await run.Publisher.PublishAsync(run.Scale.During).ConfigureAwait(false);
        run.FaultEnds();
    }

    private static Dictionary<string, int> RequestsPerEvent(FaultRun run) =>
        run.Redirector!.Requests.Where(r => r.EventId is not null).GroupBy(r => r.EventId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static async Task ExpectDeadLetteredAsync(FaultRun run, string? code)
    {
        var withoutError = run.DeadLetter!.AcceptedRequests.Count(r => r.Header("ce-knativeerrordest") is null || r.Header("ce-knativeerrorcode") is null || (code is not null && r.Header("ce-knativeerrorcode") != code));
        if (withoutError > 0)
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"{withoutError} dead-lettered events lack knativeerrordest/knativeerrorcode{(code is null ? string.Empty : " " + code)}"));
        }

        var metrics = await run.Adapter.MetricsAsync().ConfigureAwait(false);
        if (metrics is not null && (metrics.DeadLettered != run.Sent || metrics.Retried != 0))
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"counters: {metrics.DeadLettered} dead-lettered and {metrics.Retried} retried, expected {run.Sent} and 0"));
        }
    }
}
