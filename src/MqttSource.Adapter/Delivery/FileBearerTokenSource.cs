using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Logging;

namespace MqttSource.Adapter.Delivery;

/// <summary>
/// The projected service-account token for <c>K_AUDIENCE</c>, re-read from its file before it expires (kubelet rotates
/// the file): at the latest a minute after the last read, and five minutes before the JWT's <c>exp</c>.
/// </summary>
internal sealed class FileBearerTokenSource(string path, TimeProvider time, ILogger logger) : IBearerTokenSource
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);
    private readonly Lock _lock = new();
    private volatile string? _token;
    private long _nextReadTicks = DateTimeOffset.MinValue.UtcTicks;

    public string? GetToken()
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks < Interlocked.Read(ref _nextReadTicks))
        {
            return _token;
        }

        lock (_lock)
        {
            if (now.UtcTicks < Interlocked.Read(ref _nextReadTicks))
            {
                return _token;
            }

            try
            {
                var token = File.ReadAllText(path).Trim();
                if (token.Length > 0)
                {
                    _token = token; // an empty file (being rewritten) keeps the last token
                }

                var next = now + RefreshInterval;
                if (_token is not null && ExpiresAt(_token) is { } exp && exp - ExpiryMargin < next)
                {
                    next = exp - ExpiryMargin > now ? exp - ExpiryMargin : now + TimeSpan.FromSeconds(5);
                }

                Interlocked.Exchange(ref _nextReadTicks, next.UtcTicks);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                AdapterLog.TokenUnreadable(logger, path, ex.Message);
                Interlocked.Exchange(ref _nextReadTicks, (now + TimeSpan.FromSeconds(5)).UtcTicks);
            }

            return _token;
        }
    }

    /// <summary>The <c>exp</c> claim of a JWT, or null when it is not a readable JWT.</summary>
    internal static DateTimeOffset? ExpiresAt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            var reader = new Utf8JsonReader(payload);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("exp"u8) && reader.Read() && reader.TryGetInt64(out var exp))
                {
                    return DateTimeOffset.FromUnixTimeSeconds(exp);
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }

        return null;
    }
}
