using System.Globalization;
using System.Text;

namespace MqttSource.Testing.Faults;

/// <summary>One row of the fault suite: what was sent and what arrived, how long recovery took, peak RSS, and every failure with the adapter's own account.</summary>
public sealed record FaultReport
{
    /// <summary>The case's name.</summary>
    public required string Case { get; init; }

    /// <summary>The fault in a few words.</summary>
    public required string Fault { get; init; }

    /// <summary>Numbered QoS 1 messages published (and acknowledged by the broker).</summary>
    public required int Sent { get; init; }

    /// <summary>Distinct numbered messages that arrived where they must.</summary>
    public required int Delivered { get; init; }

    /// <summary>Numbered messages that never arrived.</summary>
    public required int Lost { get; init; }

    /// <summary>Arrivals beyond the first.</summary>
    public required int Duplicates { get; init; }

    /// <summary>The bound on <see cref="Duplicates"/> and why.</summary>
    public required DuplicateBound DuplicateBound { get; init; }

    /// <summary>From the end of the fault to the last first arrival; null when not everything arrived.</summary>
    public required double? RecoverSeconds { get; init; }

    /// <summary>The adapter's peak RSS (VmHWM, highest over all its processes), in bytes.</summary>
    public required long PeakRssBytes { get; init; }

    /// <summary>What failed; empty when the case passed.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>Observations (e.g. how fast a dead connection was noticed).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The adapter's last metrics, on one line.</summary>
    public string? Metrics { get; init; }

    /// <summary>The adapter's warning and error log lines.</summary>
    public IReadOnlyList<string> AdapterWarnings { get; init; } = [];

    /// <summary>Everything the adapter processes wrote (kept for a failure).</summary>
    public string AdapterLog { get; init; } = string.Empty;

    /// <summary>True when nothing failed.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>A readable account of the row: figures, failures, notes, metrics, and on failure the adapter's log.</summary>
    public string Explain()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Case} ({Fault}): {(Passed ? "passed" : "FAILED")}\n");
        text.Append(CultureInfo.InvariantCulture, $"sent {Sent}, delivered {Delivered}, lost {Lost}, duplicates {Duplicates} (bound {DuplicateBound.Limit}: {DuplicateBound.Why}), recovered {(RecoverSeconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "never")} after the fault, peak RSS {PeakRssBytes / 1048576.0:0.0} MB\n");
        foreach (var failure in Failures)
        {
            text.Append("FAIL: ").Append(failure).Append('\n');
        }

        foreach (var note in Notes)
        {
            text.Append("note: ").Append(note).Append('\n');
        }

        if (Metrics is not null)
        {
            text.Append("metrics: ").Append(Metrics).Append('\n');
        }

        if (AdapterWarnings.Count > 0)
        {
            text.Append("adapter warnings and errors:\n");
            foreach (var line in AdapterWarnings)
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        if (!Passed)
        {
            text.Append(AdapterLog);
        }

        return text.ToString();
    }
}
