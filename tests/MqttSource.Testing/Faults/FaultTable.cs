using System.Globalization;
using System.Text;

namespace MqttSource.Testing.Faults;

/// <summary>The fault suite's results as a markdown table, one row per case, with the failures listed below it.</summary>
public static class FaultTable
{
    /// <summary>Renders <paramref name="reports"/>.</summary>
    public static string ToMarkdown(IEnumerable<FaultReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var rows = reports.ToList();
        var text = new StringBuilder();
        text.Append("| case | fault | sent | delivered | lost | duplicates (bound) | recover s | peak RSS MB | result |\n");
        text.Append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {r.Case} | {r.Fault} | {r.Sent} | {r.Delivered} | {r.Lost} | {r.Duplicates} (≤ {r.DuplicateBound.Limit}) | {(r.RecoverSeconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "stalled")} | {r.PeakRssBytes / 1048576.0:0} | {(r.Passed ? "pass" : "FAIL")} |\n");
        }

        var bounds = rows.Select(r => r.DuplicateBound.Why).Distinct(StringComparer.Ordinal).ToList();
        if (bounds.Count > 0)
        {
            text.Append("\nDuplicate bounds: ").Append(string.Join("; ", bounds)).Append(".\n");
        }

        foreach (var r in rows.Where(r => !r.Passed))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{r.Case}:\n");
            foreach (var failure in r.Failures)
            {
                text.Append("- ").Append(failure.Replace('\n', ' ')).Append('\n');
            }
        }

        return text.ToString();
    }
}
