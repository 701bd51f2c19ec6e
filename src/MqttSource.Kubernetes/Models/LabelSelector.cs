using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>metav1.LabelSelector</c>.</summary>
public sealed class LabelSelector
{
    /// <summary><c>matchLabels</c>.</summary>
    public IDictionary<string, string>? MatchLabels { get; set; }

    /// <summary><c>matchExpressions</c>, passed through.</summary>
    public JsonArray? MatchExpressions { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
