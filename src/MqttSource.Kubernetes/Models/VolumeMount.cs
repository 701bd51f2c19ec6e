using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>VolumeMount</c>.</summary>
public sealed class VolumeMount
{
    /// <summary><c>name</c> of the volume.</summary>
    public string? Name { get; set; }

    /// <summary><c>mountPath</c>.</summary>
    public string? MountPath { get; set; }

    /// <summary><c>readOnly</c>.</summary>
    public bool? ReadOnly { get; set; }

    /// <summary><c>subPath</c>.</summary>
    public string? SubPath { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
