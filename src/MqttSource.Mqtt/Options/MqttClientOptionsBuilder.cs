using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MqttSource.Mqtt.Options;

/// <summary>Fluent builder for <see cref="MqttClientOptions"/>; <see cref="Build"/> validates and reports every error at once.</summary>
public sealed class MqttClientOptionsBuilder
{
    private readonly MqttClientOptions _options = new();
    private readonly List<string> _errors = [];
    private bool _portSet;

    /// <summary>Sets host and port of a plain TCP server.</summary>
    public MqttClientOptionsBuilder WithTcpServer(string host, int? port = null)
    {
        _options.Host = host;
        if (port is { } p)
        {
            _options.Port = p;
            _portSet = true;
        }

        return this;
    }

    /// <summary>Sets server, port and TLS from a URL: <c>mqtt://host[:1883]</c> or <c>mqtts://host[:8883]</c>.</summary>
    public MqttClientOptionsBuilder WithConnectionUri(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            _errors.Add($"broker url '{uri}' is not an absolute URL (expected mqtt://host:port or mqtts://host:port)");
            return this;
        }

        return WithConnectionUri(parsed);
    }

    /// <summary>Sets server, port and TLS from a URL.</summary>
    public MqttClientOptionsBuilder WithConnectionUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var tls = uri.Scheme switch
        {
            "mqtt" or "tcp" => false,
            "mqtts" or "ssl" or "tls" => true,
            _ => (bool?)null,
        };
        if (tls is null)
        {
            _errors.Add($"broker url scheme '{uri.Scheme}' is not supported (use mqtt:// or mqtts://)");
            return this;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            _errors.Add("broker url has no host");
        }

        _options.Host = uri.IdnHost;
        _options.Tls.UseTls = tls.Value;
        _options.Port = uri.IsDefaultPort || uri.Port < 0 ? (tls.Value ? 8883 : 1883) : uri.Port;
        _portSet = true;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            _options.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                _options.Password = Encoding.UTF8.GetBytes(Uri.UnescapeDataString(parts[1]));
            }
        }

        return this;
    }

    /// <summary>Sets the protocol version.</summary>
    public MqttClientOptionsBuilder WithProtocolVersion(MqttProtocolVersion version)
    {
        _options.ProtocolVersion = version;
        return this;
    }

    /// <summary>Sets the client identifier.</summary>
    public MqttClientOptionsBuilder WithClientId(string clientId)
    {
        _options.ClientId = clientId;
        return this;
    }

    /// <summary>Clean start (true) or resume the session (false).</summary>
    public MqttClientOptionsBuilder WithCleanStart(bool cleanStart = true)
    {
        _options.CleanStart = cleanStart;
        return this;
    }

    /// <summary>Keeps the session across connections: clean start off and, for MQTT 5, a session expiry.</summary>
    public MqttClientOptionsBuilder WithPersistentSession(TimeSpan expiry)
    {
        _options.CleanStart = false;
        _options.SessionExpiryInterval = (uint)Math.Clamp(expiry.TotalSeconds, 1, uint.MaxValue);
        return this;
    }

    /// <summary>MQTT 5 Session Expiry Interval.</summary>
    public MqttClientOptionsBuilder WithSessionExpiryInterval(uint seconds)
    {
        _options.SessionExpiryInterval = seconds;
        return this;
    }

    /// <summary>Keep alive period (zero turns it off).</summary>
    public MqttClientOptionsBuilder WithKeepAlivePeriod(TimeSpan period)
    {
        _options.KeepAlivePeriod = period;
        return this;
    }

    /// <summary>How long to wait for a PINGRESP (or any packet) before declaring the connection dead.</summary>
    public MqttClientOptionsBuilder WithKeepAliveTimeout(TimeSpan timeout)
    {
        _options.KeepAliveTimeout = timeout;
        return this;
    }

    /// <summary>Connect and request timeout.</summary>
    public MqttClientOptionsBuilder WithTimeout(TimeSpan timeout)
    {
        _options.Timeout = timeout;
        return this;
    }

    /// <summary>User name and password.</summary>
    public MqttClientOptionsBuilder WithCredentials(string username, string? password = null)
    {
        _options.Username = username;
        _options.Password = password is null ? null : Encoding.UTF8.GetBytes(password);
        return this;
    }

    /// <summary>User name and binary password.</summary>
    public MqttClientOptionsBuilder WithCredentials(string username, ReadOnlyMemory<byte> password)
    {
        _options.Username = username;
        _options.Password = password;
        return this;
    }

    /// <summary>Turns TLS on and configures it.</summary>
    public MqttClientOptionsBuilder WithTlsOptions(Action<MqttClientTlsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _options.Tls.UseTls = true;
        configure(_options.Tls);
        return this;
    }

    /// <summary>Trusts the CA certificates of a PEM file for the broker's certificate.</summary>
    public MqttClientOptionsBuilder WithTrustedCaFile(string pemPath)
    {
        _options.Tls.UseTls = true;
        try
        {
            _options.Tls.TrustedCertificateAuthorities.ImportFromPemFile(pemPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            _errors.Add($"tls ca certificate '{pemPath}' cannot be read: {ex.Message}");
        }

        return this;
    }

    /// <summary>Uses a client certificate and key from PEM files (mutual TLS).</summary>
    public MqttClientOptionsBuilder WithClientCertificateFiles(string certPemPath, string keyPemPath)
    {
        _options.Tls.UseTls = true;
        try
        {
            _options.Tls.ClientCertificate = X509Certificate2.CreateFromPemFile(certPemPath, keyPemPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            _errors.Add($"tls client certificate '{certPemPath}' / key '{keyPemPath}' cannot be read: {ex.Message}");
        }

        return this;
    }

    /// <summary>MQTT 5 Receive Maximum.</summary>
    public MqttClientOptionsBuilder WithReceiveMaximum(ushort receiveMaximum)
    {
        _options.ReceiveMaximum = receiveMaximum;
        return this;
    }

    /// <summary>Maximum packet size accepted.</summary>
    public MqttClientOptionsBuilder WithMaximumPacketSize(uint maximumPacketSize)
    {
        _options.MaximumPacketSize = maximumPacketSize;
        return this;
    }

    /// <summary>Adds a CONNECT user property (MQTT 5).</summary>
    public MqttClientOptionsBuilder WithUserProperty(string name, string value)
    {
        var list = _options.UserProperties as List<MqttUserProperty> ?? [.. _options.UserProperties ?? []];
        list.Add(new MqttUserProperty(name, value));
        _options.UserProperties = list;
        return this;
    }

    /// <summary>Sets the will message.</summary>
    public MqttClientOptionsBuilder WithWillMessage(MqttApplicationMessage will)
    {
        _options.WillMessage = will;
        return this;
    }

    /// <summary>Reconnect backoff: first delay and maximum.</summary>
    public MqttClientOptionsBuilder WithReconnectDelay(TimeSpan first, TimeSpan maximum)
    {
        _options.ReconnectDelay = first;
        _options.MaximumReconnectDelay = maximum;
        return this;
    }

    /// <summary>Maximum outgoing QoS 1/2 publishes in flight.</summary>
    public MqttClientOptionsBuilder WithMaximumOutgoingInflight(int inflight)
    {
        _options.MaximumOutgoingInflight = inflight;
        return this;
    }

    /// <summary>Bytes of decoded received messages that may wait for the handler.</summary>
    public MqttClientOptionsBuilder WithInboundBufferSize(long bytes)
    {
        _options.InboundBufferSize = bytes;
        return this;
    }

    /// <summary>Raw bytes read ahead of the waiting messages, so that control packets behind them are still handled.</summary>
    public MqttClientOptionsBuilder WithReadAheadSize(long bytes)
    {
        _options.ReadAheadSize = bytes;
        return this;
    }

    /// <summary>Validates and returns the options.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists all of them.</exception>
    public MqttClientOptions Build()
    {
        var errors = new List<string>(_errors);
        var o = _options;
        if (!_portSet && o.Tls.UseTls)
        {
            o.Port = 8883;
        }

        if (string.IsNullOrWhiteSpace(o.Host))
        {
            errors.Add("host must be set");
        }

        if (o.Port is < 1 or > 65535)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"port {o.Port} is out of range 1..65535"));
        }

        if (Encoding.UTF8.GetByteCount(o.ClientId) > 65535 || o.ClientId.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add("client id must be at most 65,535 UTF-8 bytes without U+0000");
        }

        if (o.ProtocolVersion == MqttProtocolVersion.V311 && o.ClientId.Length == 0 && !o.CleanStart)
        {
            errors.Add("MQTT 3.1.1 needs a client id for a persistent session (clean session off)");
        }

        if (o.KeepAlivePeriod < TimeSpan.Zero || o.KeepAlivePeriod.TotalSeconds > ushort.MaxValue)
        {
            errors.Add("keep alive must be between 0 and 65535 seconds");
        }

        if (o.Timeout <= TimeSpan.Zero)
        {
            errors.Add("timeout must be positive");
        }

        if (o.MaximumPacketSize < 64)
        {
            errors.Add("maximum packet size must be at least 64 bytes");
        }

        if (o.MaximumOutgoingInflight is < 1 or > 65535)
        {
            errors.Add("maximum outgoing in-flight must be 1..65535");
        }

        if (o.InboundBufferSize < 1024)
        {
            errors.Add("inbound buffer size must be at least 1024 bytes");
        }

        if (o.ReadAheadSize < 1024)
        {
            errors.Add("read-ahead size must be at least 1024 bytes");
        }

        if (o.ReconnectDelay <= TimeSpan.Zero || o.MaximumReconnectDelay < o.ReconnectDelay)
        {
            errors.Add("reconnect delay must be positive and not above the maximum reconnect delay");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid MQTT client options: " + string.Join("; ", errors));
        }

        return o;
    }
}
