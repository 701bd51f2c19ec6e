using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Logging;
using MqttSource.Adapter.Metrics;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MqttSource.Adapter.Delivery;

/// <summary>
/// Knative DeliverySpec as a Polly pipeline: retries of retryable outcomes (404, 408, 409, 429, 5xx, timeouts, transport
/// errors of any shape) with exponential or linear backoff, jitter and Retry-After, and a timeout per attempt.
/// <c>retry: null</c> retries without end (backpressure: the MQTT window fills and the broker queues).
/// Only the caller's cancellation (shutdown) leaves it with an exception; everything else ends as a result.
/// </summary>
internal sealed class DeliveryPolicy
{
    private static readonly ResiliencePropertyKey<bool> s_retried = new("mqttsource.retried");
    private readonly ResiliencePipeline<AttemptResult> _pipeline;
    private readonly SinkHealth _health;

    public DeliveryPolicy(int? retry, BackoffPolicy backoff, TimeSpan backoffDelay, TimeSpan attemptTimeout, AdapterMetrics metrics, ILogger logger, TimeProvider time, SinkHealth? health = null)
    {
        _health = health ?? new SinkHealth(time);
        var calculator = new BackoffCalculator(backoff, backoffDelay, TimeSpan.FromMinutes(5));
        var builder = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = time };
        if (retry is not 0)
        {
            // Polly needs at least one retry: retry: 0 (one attempt, then dead-letter) is the pipeline without the retry strategy.
            builder.AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                MaxRetryAttempts = retry ?? int.MaxValue,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: OperationCanceledException } => false, // shutdown (a timeout arrives as TimeoutRejectedException)
                    { Exception: not null } => true, // a timeout, or an exception nobody classified: retry, never hang
                    { Result: { IsRetryable: true } } => true,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(calculator.Delay(args.AttemptNumber + 1, args.Outcome.Result?.RetryAfter, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    metrics.EventRetried();
                    var failure = args.Outcome.Result?.ToString() ?? Describe(args.Outcome.Exception);
                    var first = !args.Context.Properties.GetValue(s_retried, false);
                    args.Context.Properties.Set(s_retried, true);
                    _health.Failed(failure, first);
                    if (logger.IsEnabled(LogLevel.Debug))
                    {
                        var state = args.Context.Properties.GetValue(EventKey, "?");
                        AdapterLog.Retrying(logger, args.AttemptNumber + 1, LogText.Clip(state)!, "sink", LogText.Clip(failure)!, args.RetryDelay.TotalMilliseconds);
                    }

                    return default;
                },
            });
        }

        _pipeline = builder.AddTimeout(attemptTimeout).Build();
    }

    /// <summary>The event id, for log lines.</summary>
    public static ResiliencePropertyKey<string> EventKey { get; } = new("mqttsource.event-id");

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, fails for good or retries run out. A last attempt that timed out
    /// or threw is reported as a result without status. Throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async ValueTask<AttemptResult> ExecuteAsync<TState>(Func<TState, CancellationToken, ValueTask<AttemptResult>> attempt, TState state, string eventId, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(EventKey, eventId);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, s) => s.Attempt(s.State, ctx.CancellationToken),
                context,
                (Attempt: attempt, State: state)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return AttemptResult.TransportFailure(Describe(ex));
        }
        finally
        {
            if (context.Properties.GetValue(s_retried, false))
            {
                _health.RetryEnded();
            }

            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static string Describe(Exception? ex) => ex switch
    {
        null => "unknown failure",
        TimeoutRejectedException timeout => "timeout: " + timeout.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
