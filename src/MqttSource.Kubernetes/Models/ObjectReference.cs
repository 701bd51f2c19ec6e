using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>v1.ObjectReference</c>.</summary>
public sealed class ObjectReference
{
    /// <summary><c>apiVersion</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary><c>kind</c>.</summary>
    public string? Kind { get; set; }

    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>namespace</c>.</summary>
    public string? Namespace { get; set; }

    /// <summary><c>uid</c>.</summary>
    public string? Uid { get; set; }

    /// <summary><c>resourceVersion</c>.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary><c>fieldPath</c>.</summary>
    public string? FieldPath { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
