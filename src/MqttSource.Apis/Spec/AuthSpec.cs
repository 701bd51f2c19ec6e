using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>Broker credentials (<c>spec.broker.auth</c>); values come from Secrets, never inline.</summary>
public sealed record AuthSpec
{
    /// <summary>The user name.</summary>
    [JsonPropertyName("username")]
    public SecretKeySelector? Username { get; init; }

    /// <summary>The password.</summary>
    [JsonPropertyName("password")]
    public SecretKeySelector? Password { get; init; }
}
