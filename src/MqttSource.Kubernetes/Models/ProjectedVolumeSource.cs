using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>ProjectedVolumeSource</c>.</summary>
public sealed class ProjectedVolumeSource
{
    /// <summary><c>sources</c>.</summary>
    public IList<VolumeProjection> Sources { get; set; } = [];

    /// <summary><c>defaultMode</c>.</summary>
    public int? DefaultMode { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
