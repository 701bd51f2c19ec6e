namespace MqttSource.Testing.Faults;

/// <summary>
/// How long and how big one run of the fault suite is: the short version for CI (<see cref="Ci"/>) and the long one for
/// <c>scripts/chaos.sh</c> (<see cref="Chaos"/>). The cases are the same code for both.
/// </summary>
public sealed record FaultScale
{
    /// <summary>The short version: faults of 12 s, a few hundred messages, three adapter kills; backoff linear 0.5 s so that
    /// the time to recover measures the adapter, not a long exponential wait.</summary>
    public static FaultScale Ci { get; } = new()
    {
        Name = "ci",
        FaultDuration = TimeSpan.FromSeconds(12),
        Before = 40,
        During = 120,
        After = 40,
        AdapterKills = 3,
        RecoveryTimeout = TimeSpan.FromSeconds(45),
        BackoffPolicy = "linear",
        BackoffDelay = "PT0.5S",
    };

    /// <summary>The long version: faults of 25 s, more messages, ten adapter kills, the product's default backoff (exponential 0.2 s).</summary>
    public static FaultScale Chaos { get; } = new()
    {
        Name = "chaos",
        FaultDuration = TimeSpan.FromSeconds(25),
        Before = 200,
        During = 600,
        After = 200,
        AdapterKills = 10,
        RecoveryTimeout = TimeSpan.FromSeconds(90),
        BackoffPolicy = null,
        BackoffDelay = null,
    };

    /// <summary>A short name for the table.</summary>
    public required string Name { get; init; }

    /// <summary>How long a timed fault lasts.</summary>
    public required TimeSpan FaultDuration { get; init; }

    /// <summary>Numbered messages published before the fault.</summary>
    public required int Before { get; init; }

    /// <summary>Numbered messages published during the fault.</summary>
    public required int During { get; init; }

    /// <summary>Numbered messages published after the fault ended.</summary>
    public required int After { get; init; }

    /// <summary>How many times the adapter is killed -9 in the kill loop.</summary>
    public required int AdapterKills { get; init; }

    /// <summary>How long after the fault ended everything must have arrived; past it the adapter counts as stalled.</summary>
    public required TimeSpan RecoveryTimeout { get; init; }

    /// <summary><c>spec.delivery.backoffPolicy</c>, or null for the product default.</summary>
    public string? BackoffPolicy { get; init; }

    /// <summary><c>spec.delivery.backoffDelay</c>, or null for the product default.</summary>
    public string? BackoffDelay { get; init; }

    /// <summary>The short MQTT keep alive of the cases that need one: half the fault, 2 to 10 s, whole seconds.</summary>
    public TimeSpan KeepAlive => TimeSpan.FromSeconds(Math.Clamp(Math.Floor(FaultDuration.TotalSeconds / 2), 2, 10));
}
