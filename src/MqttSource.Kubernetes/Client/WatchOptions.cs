namespace MqttSource.Kubernetes.Client;

/// <summary>Query of a watch request.</summary>
public sealed class WatchOptions
{
    /// <summary><c>labelSelector</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary><c>fieldSelector</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>
    /// <c>resourceVersion</c> to start after (usually a list's); unset or <c>0</c> first replays the current objects
    /// as ADDED. Too old a version ends the watch with an <see cref="ApiException"/> whose <see cref="ApiException.IsGone"/> is true.
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary><c>timeoutSeconds</c>: the server ends the stream after this long.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary><c>allowWatchBookmarks</c> (default true).</summary>
    public bool AllowBookmarks { get; init; } = true;

    /// <summary>Called with a line of the stream that could not be read (it is skipped) and why.</summary>
    public Action<string, Exception>? OnMalformedLine { get; init; }
}
