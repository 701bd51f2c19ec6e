using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>metav1.OwnerReference</c>: the garbage collector deletes an object when its owners are gone.</summary>
public sealed class OwnerReference
{
    /// <summary><c>apiVersion</c> of the owner.</summary>
    public string? ApiVersion { get; set; }

    /// <summary><c>kind</c> of the owner.</summary>
    public string? Kind { get; set; }

    /// <summary><c>name</c> of the owner.</summary>
    public string? Name { get; set; }

    /// <summary><c>uid</c> of the owner.</summary>
    public string? Uid { get; set; }

    /// <summary><c>controller</c>: this owner is the managing controller.</summary>
    public bool? Controller { get; set; }

    /// <summary><c>blockOwnerDeletion</c>.</summary>
    public bool? BlockOwnerDeletion { get; set; }

    /// <summary>Members not modelled here.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
