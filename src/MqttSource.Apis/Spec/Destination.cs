using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>Knative duck <c>Destination</c>: a reference to an Addressable and/or a URI.</summary>
public sealed record Destination
{
    /// <summary>The Addressable object.</summary>
    [JsonPropertyName("ref")]
    public KReference? Ref { get; init; }

    /// <summary>An absolute URI, or a relative one joined to the resolved <see cref="Ref"/>.</summary>
    [JsonPropertyName("uri")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1056:URI-like properties should not be strings", Justification = "Wire shape: validated with a field path, never thrown at deserialization.")]
    public string? Uri { get; init; }

    /// <summary>PEM certificates trusted for the destination (Knative spells it <c>CACerts</c>).</summary>
    [JsonPropertyName("CACerts")]
    public string? CACerts { get; init; }

    /// <summary>OIDC audience of the destination.</summary>
    [JsonPropertyName("audience")]
    public string? Audience { get; init; }
}
