namespace MqttSource.Controller.Machinery;

/// <summary>How an <see cref="Informer{T}"/> resyncs and recovers.</summary>
internal sealed class InformerOptions
{
    /// <summary>Every this long, every cached object is delivered again as an update (old == new); null: never.</summary>
    public TimeSpan? ResyncPeriod { get; init; }

    /// <summary>List page size (default 500).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary><c>timeoutSeconds</c> asked of each watch (default 5 minutes); the informer then watches again from where it was.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay after a failure (default 200 ms), doubled up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between failed attempts (default 30 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
