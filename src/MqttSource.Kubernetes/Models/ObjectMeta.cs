using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MqttSource.Kubernetes.Json;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>metav1.ObjectMeta</c>: the members we use; others are kept in <see cref="AdditionalProperties"/>.</summary>
public sealed class ObjectMeta
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>generateName</c>: a prefix the server completes when <see cref="Name"/> is empty.</summary>
    public string? GenerateName { get; set; }

    /// <summary><c>namespace</c> (empty for cluster-scoped objects).</summary>
    public string? Namespace { get; set; }

    /// <summary><c>uid</c>, set by the server on create.</summary>
    public string? Uid { get; set; }

    /// <summary><c>resourceVersion</c>: opaque; sent back on update for optimistic concurrency.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary><c>generation</c>: incremented by the server when the desired state (spec) changes.</summary>
    public long? Generation { get; set; }

    /// <summary><c>labels</c>.</summary>
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary><c>annotations</c>.</summary>
    public IDictionary<string, string>? Annotations { get; set; }

    /// <summary><c>ownerReferences</c>.</summary>
    public IList<OwnerReference>? OwnerReferences { get; set; }

    /// <summary><c>finalizers</c>.</summary>
    public IList<string>? Finalizers { get; set; }

    /// <summary><c>creationTimestamp</c>, set by the server.</summary>
    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary><c>deletionTimestamp</c>: set when deletion was requested and finalizers are pending.</summary>
    [JsonConverter(typeof(KubernetesTimeConverter))]
    public DateTimeOffset? DeletionTimestamp { get; set; }

    /// <summary>Members not modelled here (e.g. <c>managedFields</c>), kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
