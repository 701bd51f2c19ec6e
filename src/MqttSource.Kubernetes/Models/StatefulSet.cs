using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>apps/v1</c> StatefulSet.</summary>
public sealed class StatefulSet : IKubernetesObject
{
    /// <inheritdoc/>
    public string? ApiVersion { get; set; } = "apps/v1";

    /// <inheritdoc/>
    public string? Kind { get; set; } = "StatefulSet";

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary><c>spec</c>.</summary>
    public StatefulSetSpec? Spec { get; set; }

    /// <summary><c>status</c>.</summary>
    public StatefulSetStatus? Status { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
