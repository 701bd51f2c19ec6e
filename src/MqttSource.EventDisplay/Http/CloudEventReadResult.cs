using CloudNative.CloudEvents;

namespace MqttSource.EventDisplay.Http;

/// <summary>
/// What <see cref="CloudEventRequestReader"/> made of a request: the events, or the status to answer (400 invalid,
/// 413 too large, 415 unsupported event format) with a reason for the sender.
/// </summary>
internal sealed class CloudEventReadResult
{
    private CloudEventReadResult(IReadOnlyList<CloudEvent> events, ContentMode mode, bool isBatch, int statusCode, string? error)
    {
        Events = events;
        Mode = mode;
        IsBatch = isBatch;
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>Whether the request held valid CloudEvents.</summary>
    public bool Succeeded => Error is null;

    /// <summary>One event in binary and structured mode, any number in a batch; empty on failure.</summary>
    public IReadOnlyList<CloudEvent> Events { get; }

    /// <summary>The content mode of the request (a batch is structured).</summary>
    public ContentMode Mode { get; }

    /// <summary>Whether the request was a batch.</summary>
    public bool IsBatch { get; }

    /// <summary>200 on success; else 400, 413 or 415.</summary>
    public int StatusCode { get; }

    /// <summary>What is wrong, for the sender; null on success.</summary>
    public string? Error { get; }

    public static CloudEventReadResult Success(IReadOnlyList<CloudEvent> events, ContentMode mode, bool isBatch) =>
        new(events, mode, isBatch, 200, null);

    public static CloudEventReadResult Failure(int statusCode, string error) =>
        new([], ContentMode.Binary, isBatch: false, statusCode, error);
}
