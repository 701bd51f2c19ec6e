namespace MqttSource.CloudEvents.Http;

/// <summary>
/// The outcome of reading CloudEvents from an HTTP message: the events, or an error with the HTTP
/// status a receiver should answer with (400 invalid, 413 too large, 415 unsupported event format).
/// </summary>
public sealed class CloudEventReadResult
{
    private CloudEventReadResult(IReadOnlyList<CloudEvent> events, ContentMode mode, bool isBatch, int statusCode, string? error)
    {
        Events = events;
        Mode = mode;
        IsBatch = isBatch;
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>Whether the message held valid CloudEvents.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The events: one for binary and structured mode, any number for a batch; empty on failure.</summary>
    public IReadOnlyList<CloudEvent> Events { get; }

    /// <summary>The content mode the message used (a batch is structured).</summary>
    public ContentMode Mode { get; }

    /// <summary>Whether the message was a batch.</summary>
    public bool IsBatch { get; }

    /// <summary>200 on success; else 400 (invalid), 413 (too large) or 415 (unsupported event format).</summary>
    public int StatusCode { get; }

    /// <summary>What is wrong, in words for the sender, or null on success.</summary>
    public string? Error { get; }

    /// <summary>The single event of a binary or structured message.</summary>
    /// <exception cref="CloudEventFormatException">The read failed or the message was a batch.</exception>
    public CloudEvent GetSingleEvent()
    {
        ThrowIfFailed();
        return IsBatch
            ? throw new CloudEventFormatException("Expected a single CloudEvent but the message is a batch.")
            : Events[0];
    }

    /// <summary>Throws when the read failed.</summary>
    /// <exception cref="CloudEventFormatException">The read failed; the message says why.</exception>
    public void ThrowIfFailed()
    {
        if (Error is not null)
        {
            throw new CloudEventFormatException(Error);
        }
    }

    internal static CloudEventReadResult Success(IReadOnlyList<CloudEvent> events, ContentMode mode, bool isBatch) =>
        new(events, mode, isBatch, 200, null);

    internal static CloudEventReadResult Failure(int statusCode, string error) =>
        new([], ContentMode.Binary, isBatch: false, statusCode, error);
}
