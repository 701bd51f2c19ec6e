using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary>Event <c>source</c>.</summary>
public sealed class EventSource
{
    /// <summary><c>component</c>.</summary>
    public string? Component { get; set; }

    /// <summary><c>host</c>.</summary>
    public string? Host { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
