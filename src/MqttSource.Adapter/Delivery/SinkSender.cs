using System.Diagnostics;
using System.Net.Http.Headers;
using MqttSource.CloudEvents;
using MqttSource.CloudEvents.Http;
using MqttSource.CloudEvents.Json;

namespace MqttSource.Adapter.Delivery;

/// <summary>One HTTP POST of a CloudEvent (binary or structured mode) with traceparent and the OIDC bearer token.</summary>
internal sealed class SinkSender(HttpClient http, ContentMode contentMode, IBearerTokenSource? tokens)
{
    /// <summary>How much of an error response body is kept for <c>knativeerrordata</c>.</summary>
    public const int ErrorBodyLimit = 1024;

    public async ValueTask<AttemptResult> SendAsync(Uri target, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = cloudEvent.ToHttpContent(contentMode, JsonEventFormatter.Instance),
            Version = http.DefaultRequestVersion,
            VersionPolicy = http.DefaultVersionPolicy,
        };
        request.Headers.TryAddWithoutValidation("traceparent", TraceParent(cloudEvent));
        if (tokens?.GetToken() is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (RetryClassifier.IsSuccess(code))
            {
                return code == 202 ? AttemptResult.Accepted : new AttemptResult(code, null, default, null);
            }

            ReadOnlyMemory<byte> body;
            try
            {
                body = await ReadPrefixAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                body = default; // the status is what counts; the body is only for knativeerrordata
            }

            return new AttemptResult(code, RetryAfter(response.Headers.RetryAfter), body, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return new AttemptResult(null, null, default, ex.InnerException?.Message ?? ex.Message);
        }
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

    private static async Task<ReadOnlyMemory<byte>> ReadPrefixAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[ErrorBodyLimit];
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            return buffer.AsMemory(0, read);
        }
    }
}
