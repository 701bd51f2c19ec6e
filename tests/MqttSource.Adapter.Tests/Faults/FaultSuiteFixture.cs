using System.Collections.Concurrent;
using MqttSource.Testing.Faults;
using Xunit.Abstractions;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>
/// The short fault suite (issue 10) as one run: every case of <see cref="FaultCatalog"/> at <see cref="FaultScale.Ci"/>
/// against the real adapter process, <see cref="Concurrency"/> at a time (the cases are independent: each has its own
/// broker, sinks and adapter), started when the first test of the collection runs. Each test waits for its own case and
/// asserts it passed, with the row and, on failure, the adapter's log.
/// </summary>
public sealed class FaultSuiteFixture : IAsyncLifetime
{
    /// <summary>Cases running at once: they mostly wait (faults last seconds), so more than the two cores.</summary>
    public const int Concurrency = 5;

    private readonly Dictionary<string, Task<FaultReport>> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _progress = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(Concurrency);

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        foreach (var faultCase in FaultCatalog.All())
        {
            _runs[faultCase.Name] = RunAsync(faultCase);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits for <paramref name="faultCase"/>'s run; writes its progress and row to <paramref name="output"/>; fails unless it passed.</summary>
    public async Task AssertPassedAsync(FaultCase faultCase, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(faultCase);
        ArgumentNullException.ThrowIfNull(output);
        var report = await _runs[faultCase.Name];
        foreach (var line in _progress.GetValueOrDefault(faultCase.Name) ?? [])
        {
            output.WriteLine(line);
        }

        output.WriteLine(report.Explain());
        Assert.True(report.Passed, report.Explain());
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Task.WhenAll(_runs.Values);
        _slots.Dispose();
    }

    private async Task<FaultReport> RunAsync(FaultCase faultCase)
    {
        var progress = _progress.GetOrAdd(faultCase.Name, _ => new ConcurrentQueue<string>());
        await _slots.WaitAsync();
        try
        {
            return await FaultRunner.RunAsync(faultCase, FaultScale.Ci, line => progress.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}"));
        }
        finally
        {
            _slots.Release();
        }
    }
}
