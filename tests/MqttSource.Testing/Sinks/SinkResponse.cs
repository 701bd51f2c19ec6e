namespace MqttSource.Testing.Sinks;

/// <summary>What the <see cref="LoopbackSink"/> answers to one request.</summary>
public sealed record SinkResponse
{
    /// <summary>202 Accepted, at once.</summary>
    public static SinkResponse Accepted { get; } = new();

    /// <summary>The HTTP status. Default 202.</summary>
    public int StatusCode { get; init; } = 202;

    /// <summary>A <c>Retry-After</c> header (whole seconds), or null.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How long to wait before answering. Default none.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Answer only once this task completes (or the client goes away), e.g. <see cref="LoopbackSink.Hold"/>.</summary>
    public Task? WaitFor { get; init; }

    /// <summary>The response body (error bodies end up in <c>knativeerrordata</c>).</summary>
    public string? Body { get; init; }

    /// <summary>A response with status <paramref name="statusCode"/>.</summary>
    /// <summary>Where a redirect (3xx) points: the Location header.</summary>
    public Uri? Location { get; init; }

    /// <summary>A redirect to <paramref name="location"/>.</summary>
    public static SinkResponse Redirect(int statusCode, Uri location) => new() { StatusCode = statusCode, Location = location };

    public static SinkResponse Status(int statusCode, string? body = null) => new() { StatusCode = statusCode, Body = body };
}
