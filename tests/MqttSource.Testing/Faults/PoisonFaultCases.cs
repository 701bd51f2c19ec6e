using System.Globalization;
using System.Text;

namespace MqttSource.Testing.Faults;

/// <summary>
/// Poison data on every conversion path, each message between numbered good ones on the same topic (so that an ack hole
/// would stop them): <c>idFrom</c> from JSON and from a user property, passthrough CloudEvents with bad attribute values
/// (MQTT 5 binary user properties and structured JSON), payloads that are not UTF-8, huge user properties, content types
/// with parameters (the good messages carry one that is well formed and must keep it). Invalid ones must end as invalid
/// (dead-lettered with knativeerror* extensions, or counted in <c>mqttsource_events_invalid_total</c>), never at the sink.
/// </summary>
public static class PoisonFaultCases
{
    private const string GoodContentType = "text/plain; charset=utf-8";
    private const string CloudEventsJson = "application/cloudevents+json";
    private const int HugeValueLength = 60_000;
    private const int ManyProperties = 1000;

    /// <summary><c>idFrom: json:/id</c>, a dead-letter sink: the invalid ones must be dead-lettered with knativeerror* extensions.</summary>
    public static FaultCase JsonIdDeadLettered() => Poisoned(
        "poison-json-dls",
        "poison on every path, idFrom json:/id, dead-letter sink",
        "json:/id",
        deadLetter: true,
        [
            Poison("idFrom json:/id with U+0001 in the id", PoisonOutcome.Invalid, """{"id":"@@\u0001","n":1}"""),
            Poison("idFrom json:/id with U+007F in the id", PoisonOutcome.Invalid, """{"id":"@@\u007f"}"""),
            Poison("idFrom json:/id with bytes that are not UTF-8 in the id", PoisonOutcome.AnyTerminal, [.. Utf8("""{"id":"@@"""), 0xFF, 0xFE, .. Utf8("\"}")]),
            Poison("idFrom json:/id pointing at a number", PoisonOutcome.AnyTerminal, """{"id":42,"m":"@@"}"""),
            .. Common,
        ]);

    /// <summary><c>idFrom: userProperty:msgid</c>, no dead-letter sink: the invalid ones must be counted.</summary>
    public static FaultCase UserPropertyIdCounted() => Poisoned(
        "poison-userprop",
        "poison on every path, idFrom userProperty:msgid, no dead-letter sink",
        "userProperty:msgid",
        deadLetter: false,
        [
            // Mosquitto refuses control characters and noncharacters in properties: what gets through is too long or empty.
            Poison("idFrom userProperty:msgid with a 60 kB value", PoisonOutcome.AnyTerminal, "@@") with { UserProperties = [new("msgid", "@@" + new string('i', HugeValueLength))] },
            Poison("idFrom userProperty:msgid empty", PoisonOutcome.AnyTerminal, "@@") with { UserProperties = [new("msgid", string.Empty)] },
            .. Common,
        ]);

    /// <summary>The poison every idFrom setting meets: passthrough CloudEvents with bad attributes, bad content types, bytes, big properties.</summary>
    private static PoisonMessage[] Common =>
    [
        Poison("binary CloudEvent (user properties) with time 'yesterday'", PoisonOutcome.Invalid, "@@") with { UserProperties = BinaryCloudEvent("time", "yesterday") },
        Poison("binary CloudEvent (user properties) with an empty source", PoisonOutcome.Invalid, "@@") with { UserProperties = BinaryCloudEvent("source", string.Empty) },
        Poison("binary CloudEvent (user properties) with specversion 0.2", PoisonOutcome.Invalid, "@@") with { UserProperties = BinaryCloudEvent("specversion", "0.2") },
        Poison("structured CloudEvent with time 'yesterday'", PoisonOutcome.Invalid, """{"specversion":"1.0","id":"@@","source":"/poison","type":"dev.knative.poison","time":"yesterday"}""") with { ContentType = CloudEventsJson },
        Poison("structured CloudEvent with a number as specversion", PoisonOutcome.Invalid, """{"specversion":1.0,"id":"@@","source":"/poison","type":"dev.knative.poison"}""") with { ContentType = CloudEventsJson },
        Poison("structured CloudEvent with an empty source", PoisonOutcome.Invalid, """{"specversion":"1.0","id":"@@","source":"","type":"dev.knative.poison"}""") with { ContentType = CloudEventsJson },
        Poison("structured CloudEvent with U+0001 in its id", PoisonOutcome.Invalid, """{"specversion":"1.0","id":"@@\u0001","source":"/poison","type":"dev.knative.poison"}""") with { ContentType = CloudEventsJson },
        Poison("structured CloudEvent that is not UTF-8", PoisonOutcome.Invalid, [.. Utf8("{\"specversion\":\"1.0\",\"id\":\"@@\",\"source\":\"/poison\",\"type\":\"dev.knative.poison\",\"data\":\""), 0xFF, 0xFE, .. Utf8("\"}")]) with { ContentType = CloudEventsJson },
        Poison("structured CloudEvent with time 'yesterday' under a content type with parameters", PoisonOutcome.Invalid, """{"specversion":"1.0","id":"@@","source":"/poison","type":"dev.knative.poison","time":"yesterday"}""") with { ContentType = CloudEventsJson + "; charset=utf-8" },
        Poison("content type with a broken parameter", PoisonOutcome.AnyTerminal, "@@") with { ContentType = "text/plain; charset=\"unterminated" },
        Poison("payload that is not UTF-8 (claims nothing)", PoisonOutcome.Delivered, [0xFF, 0xFE, 0x00, 0x80, .. Utf8("@@")]),
        Poison("a 60 kB user property", PoisonOutcome.AnyTerminal, "@@") with { UserProperties = [new("blob", new string('b', HugeValueLength))] },
        Poison("1,000 user properties", PoisonOutcome.AnyTerminal, "@@") with
        {
            UserProperties = [.. Enumerable.Range(0, ManyProperties).Select(i => new KeyValuePair<string, string>("p" + i.ToString(CultureInfo.InvariantCulture), new string('v', 40)))],
        },
    ];

    private static FaultCase Poisoned(string name, string fault, string idFrom, bool deadLetter, PoisonMessage[] templates) => new()
    {
        Name = name,
        Fault = fault,
        IdFrom = idFrom,
        DeadLetterSink = deadLetter,
        NumberedContentType = GoodContentType,
        ReadyDuringFault = true,
        // Hostile but valid ones (and the ones free to end anywhere) may reach the sink as events of their own.
        AllowedUnexpected = templates.Count(p => p.Expected != PoisonOutcome.Invalid),
        DuplicateBound = static _ => DuplicateBound.None,
        InjectAsync = async run =>
        {
            var list = templates.Select((p, i) => p.Marked(string.Create(CultureInfo.InvariantCulture, $"poison{i + 1:D2}z"))).ToList();
            var goodBetween = Math.Max(1, run.Scale.During / (list.Count + 1));
            run.FaultStarts();
            foreach (var poison in list)
            {
                await run.Publisher.PublishAsync(goodBetween).ConfigureAwait(false);
                await run.Publisher.PublishPoisonAsync(poison).ConfigureAwait(false);
            }

            await run.Publisher.PublishAsync(Math.Max(1, run.Scale.During - (goodBetween * list.Count))).ConfigureAwait(false);
            run.FaultEnds();
        },
        CheckAsync = CheckPoisonAsync,
    };

    private static async Task CheckPoisonAsync(FaultRun run)
    {
        var accepted = run.Sink.AcceptedRequests;
        foreach (var poison in run.Publisher.Poisons)
        {
            if (poison.Expected == PoisonOutcome.Invalid && accepted.Any(poison.IsIn))
            {
                run.Fail($"invalid '{poison}' reached the sink as an event");
            }

            if (poison.Expected == PoisonOutcome.Delivered && !accepted.Any(r => r.Body.AsSpan().SequenceEqual(poison.Payload)))
            {
                run.Fail($"'{poison}' did not reach the sink verbatim");
            }
        }

        var invalid = run.Publisher.Poisons.Where(p => p.Expected == PoisonOutcome.Invalid).ToList();
        var free = run.Publisher.Poisons.Count(p => p.Expected == PoisonOutcome.AnyTerminal);
        var metrics = await run.Adapter.MetricsAsync().ConfigureAwait(false);
        if (run.DeadLetter is { } deadLetter)
        {
            var dead = deadLetter.AcceptedRequests;
            foreach (var poison in invalid.Where(p => !dead.Any(r => p.IsIn(r) && r.Header("ce-knativeerrordest") is not null && r.Header("ce-knativeerrorcode") is not null)))
            {
                run.Fail($"invalid '{poison}' was not dead-lettered with knativeerrordest and knativeerrorcode");
            }

            run.Note(string.Create(CultureInfo.InvariantCulture, $"dead-letter sink got {dead.Count} events for {invalid.Count} invalid and {free} free poison messages"));
        }
        else if (metrics is not null && (metrics.Invalid < invalid.Count || metrics.Invalid > invalid.Count + free))
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"mqttsource_events_invalid_total is {metrics.Invalid}, expected {invalid.Count} (up to {invalid.Count + free})"));
        }

        run.Note(string.Create(CultureInfo.InvariantCulture, $"{run.Publisher.Poisons.Count} poison messages: {invalid.Count} invalid, {free} free to end anywhere; adapter: {metrics?.Summary() ?? "no /metrics"}"));
    }

    /// <summary>A binary-mode CloudEvent in user properties (id = the marker) with one attribute made bad.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> BinaryCloudEvent(string name, string badValue)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["specversion"] = "1.0",
            ["id"] = "@@",
            ["source"] = "/poison",
            ["type"] = "dev.knative.poison",
        };
        attributes[name] = badValue;
        return [.. attributes];
    }

    private static PoisonMessage Poison(string name, PoisonOutcome expected, string payload) => Poison(name, expected, Utf8(payload));

    private static PoisonMessage Poison(string name, PoisonOutcome expected, byte[] payload) => new(name, PoisonMessage.MarkerPlaceholder, payload, expected);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
