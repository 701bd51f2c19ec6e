namespace MqttSource.Adapter.Delivery;

/// <summary>The result of one HTTP attempt: a status (with a prefix of the body for errors) or a transport failure.</summary>
internal sealed record AttemptResult(int? StatusCode, TimeSpan? RetryAfter, ReadOnlyMemory<byte> ErrorBody, string? Error)
{
    public static readonly AttemptResult Accepted = new(202, null, default, null);

    public bool IsSuccess => StatusCode is { } code && RetryClassifier.IsSuccess(code);

    public bool IsRetryable => !IsSuccess && RetryClassifier.IsRetryable(StatusCode);

    public override string ToString() => StatusCode is { } code ? $"HTTP {code}" : $"transport error: {Error}";
}
