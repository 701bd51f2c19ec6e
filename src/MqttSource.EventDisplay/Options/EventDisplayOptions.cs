namespace MqttSource.EventDisplay.Options;

/// <summary>How event-display runs; read from the command line and the environment at start-up.</summary>
internal sealed class EventDisplayOptions
{
    /// <summary>The default port when neither <c>--urls</c> nor <c>PORT</c> is given.</summary>
    public const int DefaultPort = 8080;

    /// <summary>The addresses Kestrel listens on (<c>--urls</c>, else <c>http://*:$PORT</c>, else port 8080).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [$"http://*:{DefaultPort}"];

    /// <summary>How many recent events <c>GET /events</c> and the live page keep (<c>--history</c>, default 500).</summary>
    public int History { get; init; } = 500;

    /// <summary>The most bytes of event data the history keeps; the oldest events go first (<c>--history-bytes</c>, default 64 MiB).</summary>
    public long HistoryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The largest request body accepted; larger ones get 413 (<c>--max-body-size</c>, default 1 MiB).</summary>
    public long MaxBodySize { get; init; } = 1024 * 1024;

    /// <summary>The most live-page (Server-Sent Events) clients at once; more get 503 (<c>--max-stream-clients</c>, default 64).</summary>
    public int MaxStreamClients { get; init; } = 64;

    /// <summary>How many events wait for one slow live-page client before the oldest are dropped (default 256).</summary>
    public int StreamClientQueue { get; init; } = 256;

    /// <summary>How often an idle live-page stream gets a keep-alive comment (default 15 s).</summary>
    public TimeSpan StreamKeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether every request is also printed raw: method, path, headers, body (<c>REQUEST_LOGGING_ENABLED=true</c>).</summary>
    public bool RequestLogging { get; init; }

    /// <summary>How many printed events may wait for stdout before receivers wait (default 8192).</summary>
    public int OutputQueue { get; init; } = 8192;
}
