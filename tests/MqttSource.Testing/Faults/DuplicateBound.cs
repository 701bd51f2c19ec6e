using System.Globalization;

namespace MqttSource.Testing.Faults;

/// <summary>The most duplicates a fault case allows, and why that many.</summary>
/// <param name="Limit">The bound.</param>
/// <param name="Why">The reason, in one line.</param>
public sealed record DuplicateBound(int Limit, string Why)
{
    /// <summary>
    /// One window: only the events in flight when a fault strikes can have reached the sink without their outcome reaching
    /// the broker (the broker sends at most Receive Maximum = parallelism un-acknowledged messages), so at most that many
    /// come again.
    /// </summary>
    public static DuplicateBound OneWindow { get; } = new(FaultRun.Parallelism, "one window: events in flight when the fault struck (Receive Maximum = parallelism)");

    /// <summary>No event can arrive twice: the sink never accepts one whose outcome could be lost.</summary>
    public static DuplicateBound None { get; } = new(0, "none: nothing is accepted by a sink whose answer could be lost");

    /// <summary>One window per crash of the adapter or of the connection.</summary>
    public static DuplicateBound Windows(int count, string what) =>
        new(count * FaultRun.Parallelism, string.Create(CultureInfo.InvariantCulture, $"one window (parallelism {FaultRun.Parallelism}) per {what}, {count} of them"));

    /// <inheritdoc />
    public override string ToString() => Limit.ToString(CultureInfo.InvariantCulture);
}
