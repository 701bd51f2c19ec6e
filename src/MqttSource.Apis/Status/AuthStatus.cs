using System.Text.Json.Serialization;

namespace MqttSource.Apis.Status;

/// <summary>Knative's <c>duckv1.AuthStatus</c>: the identity the source's adapter runs under when OIDC is on.</summary>
public sealed record AuthStatus
{
    /// <summary>The ServiceAccount whose tokens the adapter sends.</summary>
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }
}
