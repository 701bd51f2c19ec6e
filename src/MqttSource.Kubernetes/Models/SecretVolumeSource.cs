using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>SecretVolumeSource</c>.</summary>
public sealed class SecretVolumeSource
{
    /// <summary><c>secretName</c>.</summary>
    public string? SecretName { get; set; }

    /// <summary><c>items</c>: keys to files (<c>key</c>, <c>path</c>, <c>mode</c>), passed through.</summary>
    public JsonArray? Items { get; set; }

    /// <summary><c>defaultMode</c>.</summary>
    public int? DefaultMode { get; set; }

    /// <summary><c>optional</c>.</summary>
    public bool? Optional { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
