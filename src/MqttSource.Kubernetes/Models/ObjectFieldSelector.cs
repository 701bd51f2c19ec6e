using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>ObjectFieldSelector</c>, e.g. <c>metadata.name</c>.</summary>
public sealed class ObjectFieldSelector
{
    /// <summary><c>apiVersion</c> (<c>v1</c>).</summary>
    public string? ApiVersion { get; set; }

    /// <summary><c>fieldPath</c>.</summary>
    public string? FieldPath { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
