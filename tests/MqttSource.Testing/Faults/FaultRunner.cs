using System.Globalization;

namespace MqttSource.Testing.Faults;

/// <summary>
/// Runs one <see cref="FaultCase"/> prober style and reports one row: start Mosquitto, the sink(s), the proxies and the
/// adapter; publish the "before" messages and wait until they all arrived; run the fault (which publishes the "during"
/// messages); publish the "after" messages; wait until every number arrived (or call it a stall); then check the
/// promises every case shares (nothing lost, duplicates within the bound, nothing abandoned, the stall metric back to
/// zero, ready while only retrying, a clean stop) and the case's own. With the environment variable
/// <c>FAULT_SUITE_LOGS</c> set to a folder, each case leaves its report, adapter log and Mosquitto log there.
/// </summary>
public static class FaultRunner
{
    /// <summary>The environment variable naming a folder for each case's report and logs.</summary>
    public const string LogFolderVariable = "FAULT_SUITE_LOGS";

    private static readonly TimeSpan s_quietTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(40);

    /// <summary>Runs <paramref name="faultCase"/> at <paramref name="scale"/>; <paramref name="progress"/> gets a line per step.</summary>
    public static async Task<FaultReport> RunAsync(FaultCase faultCase, FaultScale scale, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(faultCase);
        ArgumentNullException.ThrowIfNull(scale);
        var run = new FaultRun(faultCase, scale, progress);
        await using (run.ConfigureAwait(false))
        {
            double? recovered = null;
            AdapterMetricsSnapshot? metrics = null;
            try
            {
                await run.StartAsync(cancellationToken).ConfigureAwait(false);
                if (faultCase.PrepareAsync is { } prepare)
                {
                    await prepare(run).ConfigureAwait(false);
                }

                await run.Publisher.PublishAsync(faultCase.HealthyBefore ? scale.Before : 0, cancellationToken).ConfigureAwait(false);
                if (await WaitUntilQuietAsync(run, "before the fault", cancellationToken).ConfigureAwait(false))
                {
                    await faultCase.InjectAsync(run).ConfigureAwait(false);
                    if (run.FaultStartedAt is null || run.FaultEndedAt is null)
                    {
                        throw new InvalidOperationException($"The case {faultCase.Name} did not mark the start and the end of its fault.");
                    }

                    await run.Publisher.PublishAsync(scale.After, cancellationToken).ConfigureAwait(false);
                    recovered = await WaitForRecoveryAsync(run, cancellationToken).ConfigureAwait(false);
                    if (recovered is not null)
                    {
                        await WaitUntilQuietAsync(run, "after recovery", cancellationToken).ConfigureAwait(false);
                    }

                    metrics = await run.Adapter.MetricsAsync(cancellationToken).ConfigureAwait(false);
                    CheckShared(run, metrics, recovered is not null);
                    if (faultCase.CheckAsync is { } check)
                    {
                        await check(run).ConfigureAwait(false);
                    }

                    if (recovered is not null)
                    {
                        await StopAsync(run).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                run.Fail($"the scenario itself broke: {e}");
            }

            var report = Report(run, recovered, metrics);
            await KeepLogsAsync(run, report).ConfigureAwait(false);
            return report;
        }
    }

    private static async Task KeepLogsAsync(FaultRun run, FaultReport report)
    {
        if (Environment.GetEnvironmentVariable(LogFolderVariable) is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var prefix = Path.Combine(folder, $"{run.Case.Name}-{run.Scale.Name}");
        await File.WriteAllTextAsync(prefix + ".report.txt", report.Explain()).ConfigureAwait(false);
        if (run.Broker is { } broker)
        {
            await File.WriteAllTextAsync(prefix + ".mosquitto.log", broker.Log).ConfigureAwait(false);
        }
    }

    private static Task<bool> WaitUntilQuietAsync(FaultRun run, string when, CancellationToken cancellationToken) =>
        run.WaitAsync(
            async () => run.Tally().Missing.Count == 0
                && await run.Adapter.MetricsAsync(cancellationToken).ConfigureAwait(false) is { InFlight: 0 },
            s_quietTimeout,
            $"every numbered message arrived and nothing is in flight ({when})",
            cancellationToken);

    /// <summary>Seconds from the end of the fault to the last first arrival, or null (and a failure) when the adapter stalled.</summary>
    private static async Task<double?> WaitForRecoveryAsync(FaultRun run, CancellationToken cancellationToken)
    {
        var ended = run.FaultEndedAt!.Value;
        var left = ended + run.Scale.RecoveryTimeout - DateTimeOffset.UtcNow;
        try
        {
            await Eventually.WaitUntilAsync(() => run.Tally().Missing.Count == 0, left > TimeSpan.Zero ? left : TimeSpan.Zero, "every numbered message arrived", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var metrics = await run.Adapter.MetricsAsync(cancellationToken).ConfigureAwait(false);
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"stall: {run.Tally()} — {run.Scale.RecoveryTimeout.TotalSeconds:0} s after the fault ended; adapter: {metrics?.Summary() ?? "no /metrics"}"));
            return null;
        }

        var lastFirstArrival = run.NumberedDestination.AcceptedRequests
            .GroupBy(r => r.BodyText, StringComparer.Ordinal)
            .Where(g => g.Key.StartsWith("message-", StringComparison.Ordinal))
            .Max(g => g.Min(r => r.ArrivedAt));
        return Math.Max(0, (lastFirstArrival - ended).TotalSeconds);
    }

    private static void CheckShared(FaultRun run, AdapterMetricsSnapshot? metrics, bool recovered)
    {
        var tally = run.Tally();
        var bound = run.Case.DuplicateBound(run.Scale);
        if (recovered && tally.Missing.Count > 0)
        {
            run.Fail($"lost: {tally}");
        }

        if (tally.Duplicates > bound.Limit)
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"{tally.Duplicates} duplicates, more than the bound {bound.Limit} ({bound.Why})"));
        }

        if (tally.Unexpected > run.Case.AllowedUnexpected)
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"{run.NumberedDestination} accepted {tally.Unexpected} bodies that are not numbered messages (at most {run.Case.AllowedUnexpected} allowed)"));
        }

        if (run.Case.NumberedContentType is { } contentType)
        {
            var wrong = run.NumberedDestination.AcceptedRequests.Where(r => r.BodyText.StartsWith("message-", StringComparison.Ordinal) && r.Header("content-type") != contentType).ToList();
            if (wrong.Count > 0)
            {
                run.Fail($"{wrong.Count} numbered events lost their MQTT Content Type '{contentType}', e.g. '{wrong[0].Header("content-type")}'");
            }
        }

        if (metrics is null)
        {
            run.Fail("the adapter does not answer /metrics");
        }
        else
        {
            if (metrics.Abandoned > 0)
            {
                run.Fail(string.Create(CultureInfo.InvariantCulture, $"{metrics.Abandoned} deliveries abandoned while the adapter ran (only a shutdown may leave a message un-acknowledged)"));
            }

            if (metrics.OldestUnackedAgeSeconds is not { } age)
            {
                run.Fail("mqttsource_oldest_unacked_age_seconds is not exposed: a stall cannot be seen");
            }
            else if (recovered && age >= 1)
            {
                run.Fail(string.Create(CultureInfo.InvariantCulture, $"mqttsource_oldest_unacked_age_seconds is {age} with everything delivered and nothing in flight"));
            }
        }

        if (run.Case.ReadyDuringFault && run.Readiness.Count(s => !s.Ready) is var notReady and > 0)
        {
            run.Fail(string.Create(CultureInfo.InvariantCulture, $"/readiness said not ready {notReady} of {run.Readiness.Count} times during the fault, yet retrying a sink fault is healthy"));
        }
    }

    private static async Task StopAsync(FaultRun run)
    {
        try
        {
            var exitCode = await run.Adapter.StopAsync(s_stopTimeout).ConfigureAwait(false);
            if (exitCode != 0)
            {
                run.Fail(string.Create(CultureInfo.InvariantCulture, $"the adapter exited with {exitCode} on SIGTERM"));
            }
        }
        catch (TimeoutException e)
        {
            run.Fail($"the adapter did not stop on SIGTERM: {e.Message.Split('\n')[0]}");
        }
    }

    private static FaultReport Report(FaultRun run, double? recovered, AdapterMetricsSnapshot? metrics)
    {
        var tally = run.Sent > 0 && run.Sink is not null ? run.Tally() : null;
        var adapter = run.Adapter;
        return new FaultReport
        {
            Case = run.Case.Name,
            Fault = run.Case.Fault,
            Sent = run.Sent,
            Delivered = tally is null ? 0 : run.Sent - tally.Missing.Count,
            Lost = tally?.Missing.Count ?? 0,
            Duplicates = tally?.Duplicates ?? 0,
            DuplicateBound = run.Case.DuplicateBound(run.Scale),
            RecoverSeconds = recovered,
            PeakRssBytes = adapter?.PeakRssBytes ?? 0,
            Failures = run.Failures,
            Notes = run.Notes,
            Metrics = metrics?.Summary(),
            AdapterWarnings = adapter?.WarningsAndErrors(40) ?? [],
            AdapterLog = adapter?.Log ?? string.Empty,
        };
    }
}
