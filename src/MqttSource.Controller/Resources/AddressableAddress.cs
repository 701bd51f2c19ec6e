using System.Text.Json.Serialization;

namespace MqttSource.Controller.Resources;

/// <summary>Knative's <c>duckv1.Addressable</c>: a URL, the CA certificates to trust for it, and its OIDC audience.</summary>
internal sealed class AddressableAddress
{
    /// <summary><c>url</c>.</summary>
    [JsonPropertyName("url")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1056:URI-like properties should not be strings", Justification = "Wire shape of Knative's Addressable.")]
    public string? Url { get; set; }

    /// <summary><c>CACerts</c> (PEM).</summary>
    [JsonPropertyName("CACerts")]
    public string? CACerts { get; set; }

    /// <summary><c>audience</c>.</summary>
    [JsonPropertyName("audience")]
    public string? Audience { get; set; }
}
