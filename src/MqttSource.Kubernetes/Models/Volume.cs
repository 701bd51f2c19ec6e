using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>Volume</c>: <c>secret</c> and <c>projected</c> are modelled; other sources pass through.</summary>
public sealed class Volume
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>secret</c>.</summary>
    public SecretVolumeSource? Secret { get; set; }

    /// <summary><c>projected</c>.</summary>
    public ProjectedVolumeSource? Projected { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
