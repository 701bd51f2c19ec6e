using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>PodTemplateSpec</c>.</summary>
public sealed class PodTemplateSpec
{
    /// <summary><c>metadata</c> (labels and annotations of the pods).</summary>
    public ObjectMeta? Metadata { get; set; }

    /// <summary><c>spec</c>.</summary>
    public PodSpec? Spec { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
