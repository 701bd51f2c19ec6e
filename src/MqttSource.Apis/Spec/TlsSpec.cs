using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>TLS material (<c>spec.broker.tls</c>), from Secrets.</summary>
public sealed record TlsSpec
{
    /// <summary>PEM CA bundle trusted for the broker (default: the system trust store).</summary>
    [JsonPropertyName("caCert")]
    public SecretKeySelector? CaCert { get; init; }

    /// <summary>PEM client certificate (with <see cref="ClientKey"/>).</summary>
    [JsonPropertyName("clientCert")]
    public SecretKeySelector? ClientCert { get; init; }

    /// <summary>PEM client private key (with <see cref="ClientCert"/>).</summary>
    [JsonPropertyName("clientKey")]
    public SecretKeySelector? ClientKey { get; init; }

    /// <summary>SNI and host name check override; empty means the URL host.</summary>
    [JsonPropertyName("serverName")]
    public string? ServerName { get; init; }
}
