using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>The MQTT broker connection (<c>spec.broker</c>).</summary>
public sealed record BrokerSpec
{
    /// <summary><c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c> (TLS); port defaults 1883 / 8883.</summary>
    [JsonPropertyName("url")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1056:URI-like properties should not be strings", Justification = "Wire shape: validated with a field path, never thrown at deserialization.")]
    public string? Url { get; init; }

    /// <summary><c>"5"</c> (default) or <c>"3.1.1"</c>.</summary>
    [JsonPropertyName("protocolVersion")]
    public string? ProtocolVersion { get; init; }

    /// <summary>Base client id; default <c>&lt;namespace&gt;.&lt;name&gt;</c>. Each replica appends <c>-&lt;ordinal&gt;</c>.</summary>
    [JsonPropertyName("clientId")]
    public string? ClientId { get; init; }

    /// <summary>Keep alive as a Go duration (default <c>30s</c>).</summary>
    [JsonPropertyName("keepAlive")]
    public string? KeepAlive { get; init; }

    /// <summary>Session persistence.</summary>
    [JsonPropertyName("session")]
    public SessionSpec? Session { get; init; }

    /// <summary>Credentials, from Secrets.</summary>
    [JsonPropertyName("auth")]
    public AuthSpec? Auth { get; init; }

    /// <summary>TLS material, from Secrets (only with <c>mqtts://</c>).</summary>
    [JsonPropertyName("tls")]
    public TlsSpec? Tls { get; init; }
}
