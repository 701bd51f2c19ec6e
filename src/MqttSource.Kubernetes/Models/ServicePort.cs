using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>ServicePort</c>.</summary>
public sealed class ServicePort
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>port</c>.</summary>
    public int Port { get; set; }

    /// <summary><c>targetPort</c>.</summary>
    public IntOrString? TargetPort { get; set; }

    /// <summary><c>protocol</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
