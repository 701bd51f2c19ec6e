using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>SecretKeySelector</c>.</summary>
public sealed class SecretKeySelector
{
    /// <summary><c>name</c> of the Secret.</summary>
    public string? Name { get; set; }

    /// <summary><c>key</c> in the Secret.</summary>
    public string? Key { get; set; }

    /// <summary><c>optional</c>.</summary>
    public bool? Optional { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
