using CloudNative.CloudEvents;

namespace MqttSource.Testing.Sinks;

/// <summary>One request the <see cref="LoopbackSink"/> received, exactly as it came, and what it answered.</summary>
public sealed class SinkRequest
{
    private int _statusCode;

    internal SinkRequest(int index, string method, string path, IReadOnlyDictionary<string, string> headers, byte[] body, DateTimeOffset arrivedAt)
    {
        Index = index;
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        ArrivedAt = arrivedAt;
    }

    /// <summary>0-based arrival number.</summary>
    public int Index { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The HTTP protocol of the request, e.g. <c>HTTP/1.1</c> or <c>HTTP/2</c>.</summary>
    public string Protocol { get; internal init; } = "HTTP/1.1";

    /// <summary>The path and query.</summary>
    public string Path { get; }

    /// <summary>Every header, names lower-cased; repeated headers joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body bytes, verbatim.</summary>
    public byte[] Body { get; }

    /// <summary>When the request arrived (UTC).</summary>
    public DateTimeOffset ArrivedAt { get; }

    /// <summary>
    /// The CloudEvent as the SDK's own HTTP binding reads it (data as bytes), or null when the request was not one (see
    /// <see cref="DecodeError"/>).
    /// </summary>
    public CloudEvent? Event { get; internal set; }

    /// <summary>Binary or structured, when <see cref="Event"/> is set.</summary>
    public ContentMode? Mode { get; internal set; }

    /// <summary>Why the request is not a CloudEvent, or null.</summary>
    public string? DecodeError { get; internal set; }

    /// <summary>The status answered; 0 while the answer is pending or when the client went away first.</summary>
    public int StatusCode
    {
        get => Volatile.Read(ref _statusCode);
        internal set => Volatile.Write(ref _statusCode, value);
    }

    /// <summary>Answered with 2xx.</summary>
    public bool Accepted => StatusCode is >= 200 and <= 299;

    /// <summary>The header value, or null.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    /// <inheritdoc />
    public override string ToString() =>
        $"#{Index} {Method} {Path} -> {StatusCode}\n{string.Join('\n', Headers.Select(h => h.Key + ": " + h.Value))}\n\n{BodyText}";
}
