using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using MqttSource.Adapter.Delivery;
using MqttSource.Adapter.Metrics;
using MqttSource.Testing;
using MqttSource.Testing.Time;

namespace MqttSource.Adapter.Tests.Delivery;

/// <summary>
/// The Polly pipeline of the Knative DeliverySpec, with a fake attempt function and a manual clock: how many attempts,
/// how far apart, per-attempt timeouts, and cancellation (abandon).
/// </summary>
public sealed class DeliveryPolicyTests
{
    private static readonly TimeSpan s_delay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_attemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly AttemptResult s_unavailable = new(503, null, default, null);

    // The clock moves in steps while the policy waits, so an attempt runs up to a step or two after its timer fell due.
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_slack = s_step * 3;

    private readonly ManualTimeProvider _time = new();
    private readonly AdapterMetrics _metrics = new();
    private readonly List<DateTimeOffset> _attempts = [];

    private DeliveryPolicy Policy(int? retry, BackoffPolicy backoff = BackoffPolicy.Exponential) =>
        new(retry, backoff, s_delay, s_attemptTimeout, _metrics, NullLogger.Instance, _time);

    /// <summary>An attempt function that records when it ran and answers <paramref name="answer"/>(attempt number, 1-based).</summary>
    private Func<int, CancellationToken, ValueTask<AttemptResult>> Attempt(Func<int, CancellationToken, ValueTask<AttemptResult>> answer) => (_, ct) =>
    {
        int number;
        lock (_attempts)
        {
            _attempts.Add(_time.GetUtcNow());
            number = _attempts.Count;
        }

        return answer(number, ct);
    };

    private TimeSpan Gap(int attempt) => _attempts[attempt] - _attempts[attempt - 1];

    /// <summary>Runs the policy, moving the manual clock on by <paramref name="step"/> whenever it waits on a timer.</summary>
    private async Task<AttemptResult> RunAsync(DeliveryPolicy policy, Func<int, CancellationToken, ValueTask<AttemptResult>> attempt, TimeSpan step)
    {
        var task = policy.ExecuteAsync(attempt, 0, "event-1", CancellationToken.None).AsTask();
        var wall = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            await Eventually.WaitUntilAsync(() => task.IsCompleted || _time.ActiveTimers > 0, TimeSpan.FromSeconds(10), "the policy waits on a timer or is done");
            if (!task.IsCompleted)
            {
                _time.Advance(step);
            }

            Assert.True(wall.Elapsed < TimeSpan.FromSeconds(30), $"the policy did not finish ({_attempts.Count} attempts)");
        }

        return await task;
    }

    [Fact]
    public async Task Execute_Retry2AlwaysFailing_ExactlyThreeAttemptsWithExponentialGaps()
    {
        var result = await RunAsync(Policy(retry: 2), Attempt((_, _) => ValueTask.FromResult(s_unavailable)), s_step);

        Assert.Equal(503, result.StatusCode);
        Assert.Equal(3, _attempts.Count);
        Assert.Equal(2, _metrics.Retried);
        Assert.InRange(Gap(1), TimeSpan.FromMilliseconds(320), TimeSpan.FromMilliseconds(480) + s_slack); // 200 ms × 2¹ ± 20 %
        Assert.InRange(Gap(2), TimeSpan.FromMilliseconds(640), TimeSpan.FromMilliseconds(960) + s_slack); // 200 ms × 2² ± 20 %
    }

    [Fact]
    public async Task Execute_LinearBackoff_GapsGrowByTheDelay()
    {
        await RunAsync(Policy(retry: 3, BackoffPolicy.Linear), Attempt((_, _) => ValueTask.FromResult(s_unavailable)), s_step);

        Assert.Equal(4, _attempts.Count);
        Assert.InRange(Gap(1), TimeSpan.FromMilliseconds(160), TimeSpan.FromMilliseconds(240) + s_slack);
        Assert.InRange(Gap(2), TimeSpan.FromMilliseconds(320), TimeSpan.FromMilliseconds(480) + s_slack);
        Assert.InRange(Gap(3), TimeSpan.FromMilliseconds(480), TimeSpan.FromMilliseconds(720) + s_slack);
    }

    [Fact]
    public async Task Execute_RetryNullFailing40Times_KeepsRetryingUntilSuccessWithGapsCapped()
    {
        var result = await RunAsync(
            Policy(retry: null),
            Attempt((n, _) => ValueTask.FromResult(n <= 40 ? s_unavailable : AttemptResult.Accepted)),
            TimeSpan.FromSeconds(10));

        Assert.True(result.IsSuccess);
        Assert.Equal(41, _attempts.Count);
        Assert.Equal(40, _metrics.Retried);
        Assert.InRange(Gap(40), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30)); // 200 ms × 2⁴⁰ capped at 5 min
    }

    [Theory]
    [InlineData(0, 503)] // retry: 0 — one attempt, then dead-letter (Polly itself refuses zero retries)
    [InlineData(null, 400)] // not retryable, even without a retry limit
    [InlineData(5, 413)]
    public async Task Execute_Retry0OrNotRetryable_OneAttemptOnly(int? retry, int status)
    {
        var result = await RunAsync(Policy(retry), Attempt((_, _) => ValueTask.FromResult(new AttemptResult(status, null, default, null))), s_step);

        Assert.Equal(status, result.StatusCode);
        Assert.Single(_attempts);
        Assert.Equal(0, _metrics.Retried);
    }

    [Fact]
    public async Task Execute_429WithRetryAfter_NextAttemptWaitsThatLong()
    {
        var result = await RunAsync(
            Policy(retry: 3),
            Attempt((n, _) => ValueTask.FromResult(n == 1 ? new AttemptResult(429, TimeSpan.FromSeconds(30), default, null) : AttemptResult.Accepted)),
            TimeSpan.FromSeconds(1));

        Assert.True(result.IsSuccess);
        Assert.Equal(2, _attempts.Count);
        Assert.InRange(Gap(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(33));
    }

    [Fact]
    public async Task Execute_FirstAttemptHangs_TimedOutAndRetried()
    {
        var result = await RunAsync(
            Policy(retry: 3),
            Attempt(async (n, ct) =>
            {
                if (n == 1)
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }

                return AttemptResult.Accepted;
            }),
            TimeSpan.FromSeconds(1));

        Assert.True(result.IsSuccess);
        Assert.Equal(2, _attempts.Count);
        Assert.Equal(1, _metrics.Retried);
        Assert.InRange(Gap(1), s_attemptTimeout, s_attemptTimeout + TimeSpan.FromMilliseconds(480) + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Execute_LastAttemptHangs_TimeoutResultWithoutStatus()
    {
        var result = await RunAsync(
            Policy(retry: 1),
            Attempt(async (_, ct) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return AttemptResult.Accepted;
            }),
            TimeSpan.FromSeconds(1));

        Assert.Null(result.StatusCode);
        Assert.StartsWith("timeout", result.Error, StringComparison.Ordinal);
        Assert.True(result.IsRetryable);
        Assert.Equal(2, _attempts.Count);
    }

    [Fact]
    public async Task Execute_CancelledDuringAnAttempt_OperationCanceledException()
    {
        using var abort = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Policy(retry: null).ExecuteAsync(
            Attempt(async (_, ct) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return AttemptResult.Accepted;
            }),
            0,
            "event-1",
            abort.Token).AsTask();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(_attempts);
        Assert.Equal(0, _metrics.Retried);
    }

    [Fact]
    public async Task Execute_CancelledWhileWaitingToRetry_OperationCanceledExceptionAndNoMoreAttempts()
    {
        using var abort = new CancellationTokenSource();
        var task = Policy(retry: null).ExecuteAsync(Attempt((_, _) => ValueTask.FromResult(s_unavailable)), 0, "event-1", abort.Token).AsTask();
        await Eventually.WaitUntilAsync(() => _time.ActiveTimers > 0, TimeSpan.FromSeconds(10), "the policy waits to retry");

        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(TimeSpan.FromSeconds(10)));
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(_attempts);
    }
}
