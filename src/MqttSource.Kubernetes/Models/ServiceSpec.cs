using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary>Service <c>spec</c>.</summary>
public sealed class ServiceSpec
{
    /// <summary><c>type</c>.</summary>
    public string? Type { get; set; }

    /// <summary><c>clusterIP</c> (<c>None</c> for a headless Service).</summary>
    [JsonPropertyName("clusterIP")]
    public string? ClusterIP { get; set; }

    /// <summary><c>selector</c>.</summary>
    public IDictionary<string, string>? Selector { get; set; }

    /// <summary><c>ports</c>.</summary>
    public IList<ServicePort>? Ports { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
