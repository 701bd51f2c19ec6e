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

    /// <summary>One window per crash of the adapter or of the connection.</summary>
    public static DuplicateBound Windows(int count, string what) =>
        new(count * FaultRun.Parallelism, string.Create(CultureInfo.InvariantCulture, $"one window (parallelism {FaultRun.Parallelism}) per {what}, {count} of them"));

    /// <inheritdoc />
    public override string ToString() => Limit.ToString(CultureInfo.InvariantCulture);
}
