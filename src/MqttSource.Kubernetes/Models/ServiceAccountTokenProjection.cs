using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>ServiceAccountTokenProjection</c>: a rotated token for an audience.</summary>
public sealed class ServiceAccountTokenProjection
{
    /// <summary><c>audience</c>.</summary>
    public string? Audience { get; set; }

    /// <summary><c>expirationSeconds</c>.</summary>
    public long? ExpirationSeconds { get; set; }

    /// <summary><c>path</c>.</summary>
    public string? Path { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
