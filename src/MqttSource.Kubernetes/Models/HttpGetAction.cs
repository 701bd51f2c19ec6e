using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>HTTPGetAction</c>.</summary>
public sealed class HttpGetAction
{
    /// <summary><c>path</c>.</summary>
    public string? Path { get; set; }

    /// <summary><c>port</c>: a number or a named port.</summary>
    public IntOrString? Port { get; set; }

    /// <summary><c>scheme</c>: <c>HTTP</c> or <c>HTTPS</c>.</summary>
    public string? Scheme { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
