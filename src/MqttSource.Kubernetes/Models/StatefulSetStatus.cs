using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary>StatefulSet <c>status</c>.</summary>
public sealed class StatefulSetStatus
{
    /// <summary><c>observedGeneration</c>.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary><c>replicas</c>.</summary>
    public int? Replicas { get; set; }

    /// <summary><c>readyReplicas</c>.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary><c>currentReplicas</c>.</summary>
    public int? CurrentReplicas { get; set; }

    /// <summary><c>updatedReplicas</c>.</summary>
    public int? UpdatedReplicas { get; set; }

    /// <summary><c>availableReplicas</c>.</summary>
    public int? AvailableReplicas { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
