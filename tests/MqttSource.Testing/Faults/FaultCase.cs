namespace MqttSource.Testing.Faults;

/// <summary>
/// One case of the fault suite: how the adapter and what surrounds it are set up, the fault itself (which also publishes
/// the "during" messages and marks when the fault starts and ends), the duplicate bound and case-specific checks.
/// <see cref="FaultRunner"/> does the rest the same way for every case.
/// </summary>
public sealed class FaultCase
{
    /// <summary>Short name, e.g. <c>sink-no-connect</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The fault in a few words, for the table.</summary>
    public required string Fault { get; init; }

    /// <summary>What stands in front of the sink. Default: nothing.</summary>
    public SinkFront SinkFront { get; init; } = SinkFront.Direct;

    /// <summary>With <see cref="SinkFront.Redirect"/>: the status answered (301, 307, 308 …).</summary>
    public int RedirectStatus { get; init; } = 307;

    /// <summary>With <see cref="SinkFront.Redirect"/>: how many redirects before the sink.</summary>
    public int RedirectHops { get; init; } = 1;

    /// <summary>With <see cref="SinkFront.Redirect"/>: redirect to itself for ever.</summary>
    public bool RedirectLoop { get; init; }

    /// <summary>Put a <see cref="FaultProxy"/> between the adapter and the broker.</summary>
    public bool BrokerProxy { get; init; }

    /// <summary>Configure a dead-letter sink (a second loopback sink).</summary>
    public bool DeadLetterSink { get; init; }

    /// <summary>Where the numbered messages must end: the sink (default) or, when the sink never accepts, the dead-letter sink.</summary>
    public bool NumberedGoToDeadLetterSink { get; init; }

    /// <summary><c>spec.delivery.retry</c>; null (the default) retries without end.</summary>
    public int? Retry { get; init; }

    /// <summary><c>spec.delivery.timeout</c> (ISO-8601), or null for the default (30 s).</summary>
    public string? AttemptTimeout { get; init; }

    /// <summary><c>spec.event.idFrom</c>, or null.</summary>
    public string? IdFrom { get; init; }

    /// <summary>Use <see cref="FaultScale.KeepAlive"/> as <c>spec.broker.keepAlive</c> instead of the default 30 s.</summary>
    public bool ShortKeepAlive { get; init; }

    /// <summary>Publish the numbered messages as MQTT 5 with this Content Type (they must arrive with it); null: MQTT 3.1.1, none.</summary>
    public string? NumberedContentType { get; init; }

    /// <summary>
    /// Publish the "before" messages and wait until they all arrived before the fault (default). False when the fault is
    /// there from the start (a sink URL that redirects): then there is no healthy "before".
    /// </summary>
    public bool HealthyBefore { get; init; } = true;

    /// <summary>The adapter must stay ready (<c>/readiness</c> 200) all through the fault: it is retrying, which is healthy.</summary>
    public bool ReadyDuringFault { get; init; }

    /// <summary>How many bodies that are not numbered messages the sink may accept (hostile but valid poison messages).</summary>
    public int AllowedUnexpected { get; init; }

    /// <summary>Runs once everything is up and the adapter is ready, before the first message (e.g. a slow sink).</summary>
    public Func<FaultRun, Task>? PrepareAsync { get; init; }

    /// <summary>
    /// The fault: called once the messages published before it were all delivered. It publishes the "during" messages,
    /// calls <see cref="FaultRun.FaultStarts"/> and <see cref="FaultRun.FaultEnds"/>, and heals what it broke.
    /// </summary>
    public required Func<FaultRun, Task> InjectAsync { get; init; }

    /// <summary>Checks of this case after everything arrived (or not); failures go to <see cref="FaultRun.Fail"/>.</summary>
    public Func<FaultRun, Task>? CheckAsync { get; init; }

    /// <summary>How many duplicates at most at a scale, and why; default: one window (<see cref="FaultRun.Parallelism"/>).</summary>
    public Func<FaultScale, DuplicateBound> DuplicateBound { get; init; } = static _ => Faults.DuplicateBound.OneWindow;

    /// <inheritdoc />
    public override string ToString() => Name;
}
