using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>EnvVar</c>: a literal <c>value</c> or a <c>valueFrom</c> reference.</summary>
public sealed class EnvVar
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>value</c>.</summary>
    public string? Value { get; set; }

    /// <summary><c>valueFrom</c>.</summary>
    public EnvVarSource? ValueFrom { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
