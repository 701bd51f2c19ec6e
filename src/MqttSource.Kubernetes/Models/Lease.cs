using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>coordination.k8s.io/v1</c> Lease.</summary>
public sealed class Lease : IKubernetesObject
{
    /// <inheritdoc/>
    public string? ApiVersion { get; set; } = "coordination.k8s.io/v1";

    /// <inheritdoc/>
    public string? Kind { get; set; } = "Lease";

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary><c>spec</c>.</summary>
    public LeaseSpec? Spec { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
