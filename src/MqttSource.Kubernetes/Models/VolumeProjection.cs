using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>VolumeProjection</c>: <c>serviceAccountToken</c> is modelled; other projections pass through.</summary>
public sealed class VolumeProjection
{
    /// <summary><c>serviceAccountToken</c>.</summary>
    public ServiceAccountTokenProjection? ServiceAccountToken { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
