using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary>Deployment <c>spec</c>.</summary>
public sealed class DeploymentSpec
{
    /// <summary><c>replicas</c>.</summary>
    public int? Replicas { get; set; }

    /// <summary><c>selector</c>.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary><c>template</c>.</summary>
    public PodTemplateSpec? Template { get; set; }

    /// <summary><c>strategy</c>.</summary>
    public JsonObject? Strategy { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
