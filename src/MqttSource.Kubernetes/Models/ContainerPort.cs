using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>ContainerPort</c>.</summary>
public sealed class ContainerPort
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>containerPort</c>.</summary>
    [JsonPropertyName("containerPort")]
    public int Number { get; set; }

    /// <summary><c>protocol</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
