namespace MqttSource.Adapter.Delivery;

/// <summary>
/// The result of one delivery attempt: an HTTP status (with a prefix of the body for errors), a transport failure or
/// timeout of any shape (no status, retryable), or a request that cannot be sent at all (<see cref="Unsendable"/>: the
/// event cannot be encoded, or a redirect leads nowhere; retrying would fail the same way).
/// </summary>
internal sealed record AttemptResult(int? StatusCode, TimeSpan? RetryAfter, ReadOnlyMemory<byte> ErrorBody, string? Error)
{
    public static readonly AttemptResult Accepted = new(202, null, default, null);

    /// <summary>Not sent, and never will be: retrying cannot help.</summary>
    public bool Unsendable { get; init; }

    public bool IsSuccess => StatusCode is { } code && RetryClassifier.IsSuccess(code);

    public bool IsRetryable => !IsSuccess && !Unsendable && RetryClassifier.IsRetryable(StatusCode);

    /// <summary>A transport failure or timeout (retryable).</summary>
    public static AttemptResult TransportFailure(string error) => new(null, null, default, error);

    /// <summary>A request that cannot be made (not retryable).</summary>
    public static AttemptResult CannotSend(string error, int? statusCode = null) => new(statusCode, null, default, error) { Unsendable = true };

    public override string ToString() => (StatusCode, Unsendable) switch
    {
        ({ } code, true) => $"HTTP {code}: {Error}",
        ({ } code, false) => $"HTTP {code}",
        (null, true) => $"cannot send: {Error}",
        _ => $"transport error: {Error}",
    };
}
