namespace MqttSource.Controller.Sinks;

/// <summary>The outcome of resolving a destination: a sink, or a condition reason and a message a user can act on.</summary>
internal sealed record SinkResolution
{
    /// <summary>The sink, when resolved.</summary>
    public ResolvedSink? Sink { get; init; }

    /// <summary>Why it could not be resolved (condition reason), when not.</summary>
    public string? Reason { get; init; }

    /// <summary>What is wrong and what to do.</summary>
    public string? Message { get; init; }

    /// <summary>Whether a later attempt may succeed (the referenced object may appear or become addressable).</summary>
    public bool Retry { get; init; }

    /// <summary>A resolved sink.</summary>
    public static SinkResolution Resolved(ResolvedSink sink) => new() { Sink = sink };

    /// <summary>A failure.</summary>
    public static SinkResolution Failed(string reason, string message, bool retry) => new() { Reason = reason, Message = message, Retry = retry };
}
