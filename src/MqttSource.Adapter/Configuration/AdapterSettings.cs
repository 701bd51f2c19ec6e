using MqttSource.Apis.Settings;

namespace MqttSource.Adapter.Configuration;

/// <summary>Everything the adapter runs with: the resolved MqttSource settings plus the Knative env contract and local options.</summary>
internal sealed class AdapterSettings
{
    /// <summary>The MqttSource spec with defaults applied.</summary>
    public required MqttSourceSettings Source { get; init; }

    /// <summary>Where events go (K_SINK, spec.sink.uri or --sink).</summary>
    public required Uri Sink { get; init; }

    /// <summary>Where events that fail for good go, or null.</summary>
    public Uri? DeadLetterSink { get; init; }

    /// <summary>The MQTT client id of this process (with the replica ordinal in Kubernetes).</summary>
    public required string ClientId { get; init; }

    /// <summary>PEM bundle trusted for the sink (K_CA_CERTS), or null for the system store.</summary>
    public string? SinkCaCertificates { get; init; }

    /// <summary>K_AUDIENCE: send an OIDC token for this audience.</summary>
    public string? Audience { get; init; }

    /// <summary>The file holding the OIDC token for <see cref="Audience"/>.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Per-attempt timeout (K_SINK_TIMEOUT wins over spec.delivery.timeout).</summary>
    public required TimeSpan AttemptTimeout { get; init; }

    /// <summary>Use HTTP/2 without TLS (h2c, prior knowledge) to the sink.</summary>
    public bool SinkHttp2 { get; init; }

    /// <summary>Broker user name, or null.</summary>
    public string? Username { get; init; }

    /// <summary>Broker password, or null.</summary>
    public string? Password { get; init; }

    /// <summary>PEM CA file trusted for the broker, or null (system store).</summary>
    public string? BrokerCaFile { get; init; }

    /// <summary>PEM client certificate and key files for mTLS to the broker, or null.</summary>
    public string? BrokerCertFile { get; init; }

    public string? BrokerKeyFile { get; init; }

    /// <summary>Largest MQTT packet accepted; larger messages are refused at the protocol level.</summary>
    public uint MaximumPacketSize { get; init; } = AdapterDefaults.MaximumPacketSize;

    /// <summary>Port of /health, /readiness and /metrics (0 = any free port).</summary>
    public int HttpPort { get; init; } = AdapterDefaults.HttpPort;

    /// <summary>Address the probe listener binds: an IP address, localhost or * (all interfaces in a pod, loopback by choice).</summary>
    public string HttpHost { get; init; } = "0.0.0.0";

    /// <summary>How long SIGTERM waits for in-flight deliveries.</summary>
    public TimeSpan ShutdownGrace { get; init; } = AdapterDefaults.ShutdownGrace;

    /// <summary>How long a message may wait un-acknowledged before the stall monitor reports an outage or a stall.</summary>
    public TimeSpan StallThreshold { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Minimum log level.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>JSON log lines (default) or plain text.</summary>
    public bool JsonLogs { get; init; } = true;
}
