using MqttSource.Testing.Faults;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

public sealed class FaultTableTests
{
    private static FaultReport Row(string name, double? recovered, params string[] failures) => new()
    {
        Case = name,
        Fault = "the fault",
        Sent = 200,
        Delivered = recovered is null ? 150 : 200,
        Lost = recovered is null ? 50 : 0,
        Duplicates = 3,
        DuplicateBound = DuplicateBound.OneWindow,
        RecoverSeconds = recovered,
        PeakRssBytes = 64L * 1024 * 1024,
        Failures = failures,
        Notes = [],
    };

    [Fact]
    public void ToMarkdown_PassedAndStalledRows_OneLineEachAndFailuresBelow()
    {
        var table = FaultTable.ToMarkdown([Row("good", 1.25), Row("bad", null, "stall: 50 missing\nwith detail")]);
        var lines = table.Split('\n');

        Assert.Equal("| case | fault | sent | delivered | lost | duplicates (bound) | recover s | peak RSS MB | result |", lines[0]);
        Assert.Contains("| good | the fault | 200 | 200 | 0 | 3 (≤ 4) | 1.3 | 64 | pass |", lines);
        Assert.Contains("| bad | the fault | 200 | 150 | 50 | 3 (≤ 4) | stalled | 64 | FAIL |", lines);
        Assert.Contains("- stall: 50 missing with detail", lines);
        Assert.Contains(DuplicateBound.OneWindow.Why, table, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_FailedRow_NamesFiguresFailuresAndTheLog()
    {
        var report = Row("bad", null, "stall") with { AdapterLog = "adapter log line", AdapterWarnings = ["warning line"] };

        var text = report.Explain();

        Assert.False(report.Passed);
        Assert.Contains("FAILED", text, StringComparison.Ordinal);
        Assert.Contains("recovered never", text, StringComparison.Ordinal);
        Assert.Contains("FAIL: stall", text, StringComparison.Ordinal);
        Assert.Contains("  warning line", text, StringComparison.Ordinal);
        Assert.Contains("adapter log line", text, StringComparison.Ordinal);
    }
}
