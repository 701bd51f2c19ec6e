using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>Knative <c>KReference</c>: an object by apiVersion, kind, name (and namespace).</summary>
public sealed record KReference
{
    /// <summary>e.g. <c>eventing.knative.dev/v1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    /// <summary>e.g. <c>Broker</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// <summary>The object's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The object's namespace; default the source's namespace.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }
}
