using System.Globalization;

namespace MqttSource.Testing.Faults;

/// <summary>The most duplicates a fault case allows, and why that many.</summary>
/// <param name="Limit">The bound.</param>
/// <param name="Why">The reason, in one line.</param>
public sealed record DuplicateBound(int Limit, string Why)
{
    /// <summary>
    /// One window: a message stays in the window (parallelism = Receive Maximum) until its acknowledgement is sent, so at
    /// most that many can have reached the sink without their acknowledgement reaching the broker when a fault strikes;
    /// only those come again.
    /// </summary>
    public static DuplicateBound OneWindow { get; } = new(FaultRun.Parallelism, "one window: at most parallelism (= Receive Maximum) messages delivered but not yet acknowledged when the fault struck");

    /// <summary>No event can arrive twice: the sink never accepts one whose outcome could be lost.</summary>
    public static DuplicateBound None { get; } = new(0, "none: nothing is accepted by a sink whose answer could be lost");

    /// <summary>
    /// After connection losses (the adapter, the broker or the link failing): at most what the broker redelivered with DUP
    /// set — the messages it had in flight to the adapter, un-acknowledged, when the connection went. A duplicate is a
    /// redelivered message the adapter had already delivered, so the adapter adds none of its own. With a broker that
    /// honours Receive Maximum that is at most one window per loss; Mosquitto 2.0.11 does not (it sends a queue's worth
    /// more after a PUBACK), so the count is read from its log.
    /// </summary>
    public static DuplicateBound Redelivered(FaultRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var marker = $"Sending PUBLISH to {run.ClientId} (d1, q1";
        var redelivered = run.Broker.Log.Split('\n').Count(line => line.Contains(marker, StringComparison.Ordinal));
        return new(redelivered, "what the broker redelivered (DUP) after the connection losses: it had them in flight to the adapter; one window per loss for a broker that honours Receive Maximum, more with Mosquitto 2.0.11");
    }

    /// <inheritdoc />
    public override string ToString() => Limit.ToString(CultureInfo.InvariantCulture);
}
