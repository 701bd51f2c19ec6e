using System.Diagnostics;
using System.Net.Http.Headers;
using CloudNative.CloudEvents;

namespace MqttSource.Adapter.Delivery;

/// <summary>
/// One delivery attempt: an HTTP POST of a CloudEvent (binary or structured mode) with traceparent and the OIDC bearer
/// token. 307 and 308 are followed for the same request, at most <see cref="MaxRedirects"/> times, as Go's HTTP client
/// (Knative's adapters) does; the token goes along only to the same host. Every failure is classified here: any
/// exception of the HTTP stack is a transport failure (retryable); an event that cannot be encoded is unsendable.
/// </summary>
internal sealed class SinkSender(HttpClient http, ContentMode contentMode, IBearerTokenSource? tokens, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>How much of an error response body is kept for <c>knativeerrordata</c>.</summary>
    public const int ErrorBodyLimit = 1024;

    /// <summary>How long an error body may take to arrive; a sink that hangs after the headers still gets its status counted.</summary>
    public static readonly TimeSpan ErrorBodyTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Redirects followed per attempt (Go's client stops after 10).</summary>
    public const int MaxRedirects = 10;

    public async ValueTask<AttemptResult> SendAsync(Uri target, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        string traceParent;
        try
        {
            traceParent = TraceParent(cloudEvent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return AttemptResult.CannotSend($"{ex.GetType().Name}: {ex.Message}");
        }

        var token = tokens?.GetToken();
        for (var redirects = 0; ; redirects++)
        {
            var (result, location) = await SendOnceAsync(target, cloudEvent, traceParent, token, cancellationToken).ConfigureAwait(false);
            if (location is null)
            {
                return result;
            }

            if (redirects == MaxRedirects)
            {
                return AttemptResult.CannotSend($"stopped after {MaxRedirects} redirects (last to {location})", result.StatusCode);
            }

            if (!string.Equals(location.Host, target.Host, StringComparison.OrdinalIgnoreCase))
            {
                token = null; // like Go's client: credentials go only where they were meant to go
            }

            target = location;
        }
    }

    private async ValueTask<(AttemptResult Result, Uri? Location)> SendOnceAsync(Uri target, CloudEvent cloudEvent, string traceParent, string? token, CancellationToken cancellationToken)
    {
        HttpRequestMessage request;
        try
        {
            request = new HttpRequestMessage(HttpMethod.Post, target)
            {
                Content = CloudEventContent.Create(cloudEvent, contentMode),
                Version = http.DefaultRequestVersion,
                VersionPolicy = http.DefaultVersionPolicy,
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (AttemptResult.CannotSend($"cannot encode the event: {ex.GetType().Name}: {ex.Message}"), null);
        }

        using (request)
        {
            request.Headers.TryAddWithoutValidation("traceparent", traceParent);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var code = (int)response.StatusCode;
                if (RetryClassifier.IsSuccess(code))
                {
                    return (code == 202 ? AttemptResult.Accepted : new AttemptResult(code, null, default, null), null);
                }

                if (code is 307 or 308)
                {
                    return Redirect(target, code, response.Headers.Location);
                }

                return (new AttemptResult(code, RetryAfter(response.Headers.RetryAfter), await ReadPrefixAsync(response, _time, cancellationToken).ConfigureAwait(false), null), null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw; // the attempt's timeout or shutdown: the delivery policy decides
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Connect timeouts (TaskCanceledException wrapping TimeoutException), resets, TLS failures, protocol errors,
                // and whatever else the HTTP stack throws: the sink could not be reached this time.
                return (AttemptResult.TransportFailure(Describe(ex)), null);
            }
        }
    }

    private static (AttemptResult, Uri?) Redirect(Uri from, int code, Uri? location)
    {
        if (location is null)
        {
            return (AttemptResult.CannotSend("redirect without a Location header", code), null);
        }

        var next = location.IsAbsoluteUri ? location : new Uri(from, location);
        return next.Scheme is "http" or "https"
            ? (new AttemptResult(code, null, default, null), next)
            : (AttemptResult.CannotSend($"redirect to an unsupported address {next}", code), null);
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is { } next && inner is HttpRequestException or TaskCanceledException or AggregateException)
        {
            inner = next;
        }

        return ex is TaskCanceledException && inner is TimeoutException
            ? "connect timeout: " + inner.Message
            : inner.Message;
    }

    private static string TraceParent(CloudEvent cloudEvent) =>
        cloudEvent["traceparent"] is string forwarded && forwarded.Length == 55
            ? forwarded
            : "00-" + ActivityTraceId.CreateRandom().ToHexString() + "-" + ActivitySpanId.CreateRandom().ToHexString() + "-01";

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The start of an error body, for <c>knativeerrordata</c>; the status is what counts, so a body that cannot be read is empty.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadPrefixAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var buffer = new byte[ErrorBodyLimit];
        var read = 0;
        using var limit = new CancellationTokenSource(ErrorBodyTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int n;
                while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), linked.Token).ConfigureAwait(false)) > 0)
                {
                    read += n;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The body did not come in time: keep what arrived.
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // Keep what arrived.
        }

        return buffer.AsMemory(0, read);
    }
}
