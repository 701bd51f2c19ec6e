using System.Diagnostics;
using System.Globalization;
using MqttSource.Testing.Faults;

namespace MqttSource.Benchmarks;

/// <summary>
/// The long fault suite (issue 10, <c>scripts/chaos.sh</c>): the same cases as the CI tests at <see cref="FaultScale.Chaos"/>
/// (longer faults, more messages, ten adapter kills), three at a time, then the table in markdown and the account of
/// every failure. Bounded: cases not started within the time budget are reported as not run. Exit code 1 when any case
/// failed or did not run.
/// </summary>
internal static class Chaos
{
    private const int Concurrency = 3;
    private static readonly TimeSpan s_startBudget = TimeSpan.FromMinutes(7);

    public static async Task<int> RunAsync(IReadOnlyList<string> names)
    {
        var cases = names.Count == 0 ? FaultCatalog.All() : [.. names.Select(FaultCatalog.Named)];
        var scale = FaultScale.Chaos;
        var clock = Stopwatch.StartNew();
        Progress(clock, string.Create(CultureInfo.InvariantCulture, $"{cases.Count} fault cases, {Concurrency} at a time: faults of {scale.FaultDuration.TotalSeconds:0} s, {scale.Before}/{scale.During}/{scale.After} messages before/during/after, {scale.AdapterKills} adapter kills"));
        using var slots = new SemaphoreSlim(Concurrency);
        var runs = cases.Select(async faultCase =>
        {
            await slots.WaitAsync().ConfigureAwait(false);
            try
            {
                if (clock.Elapsed > s_startBudget)
                {
                    return NotRun(faultCase, scale);
                }

                Progress(clock, $"{faultCase.Name}: starting");
                var report = await FaultRunner.RunAsync(faultCase, scale, line => Progress(clock, line)).ConfigureAwait(false);
                Progress(clock, $"{faultCase.Name}: {(report.Passed ? "passed" : "FAILED")}");
                return report;
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var reports = await Task.WhenAll(runs).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fault suite ({scale.Name}): {reports.Count(r => r.Passed)} of {reports.Length} cases passed in {clock.Elapsed.TotalMinutes:0.0} min"));
        Console.WriteLine();
        Console.Write(FaultTable.ToMarkdown(reports));
        foreach (var report in reports.Where(r => !r.Passed))
        {
            Console.WriteLine();
            Console.WriteLine($"--- {report.Case} ---");
            Console.Write(report.Explain().Replace(report.AdapterLog, string.Empty, StringComparison.Ordinal));
        }

        return reports.All(r => r.Passed) ? 0 : 1;
    }

    private static FaultReport NotRun(FaultCase faultCase, FaultScale scale) => new()
    {
        Case = faultCase.Name,
        Fault = faultCase.Fault,
        Sent = 0,
        Delivered = 0,
        Lost = 0,
        Duplicates = 0,
        DuplicateBound = faultCase.DuplicateBound(scale),
        RecoverSeconds = null,
        PeakRssBytes = 0,
        Failures = [string.Create(CultureInfo.InvariantCulture, $"not run: the suite's time budget ({s_startBudget.TotalMinutes:0} min to start every case at {scale.Name} scale) was spent")],
        Notes = [],
    };

    private static void Progress(Stopwatch clock, string line) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:mm\\:ss}] {line}"));
}
