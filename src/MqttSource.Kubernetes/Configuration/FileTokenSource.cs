namespace MqttSource.Kubernetes.Configuration;

/// <summary>
/// A token read from a file and read again once <c>refreshInterval</c> has passed: projected service-account
/// tokens are rotated by the kubelet. A failed re-read keeps the last token; a failed first read throws.
/// </summary>
public sealed class FileTokenSource : IBearerTokenSource
{
    private readonly string _path;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private string? _token;
    private long _readAt;

    /// <summary>Reads <paramref name="path"/> at most every <paramref name="refreshInterval"/>.</summary>
    public FileTokenSource(string path, TimeSpan refreshInterval, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _refreshInterval = refreshInterval;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The file read.</summary>
    public string Path => _path;

    /// <inheritdoc/>
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_token is null || _time.GetElapsedTime(_readAt) >= _refreshInterval)
            {
                try
                {
                    _token = File.ReadAllText(_path).Trim();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && _token is not null)
                {
                    // Keep the last token; try again after the next interval.
                }

                _readAt = _time.GetTimestamp();
            }

            return ValueTask.FromResult<string?>(_token);
        }
    }
}
