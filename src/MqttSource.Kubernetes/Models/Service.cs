using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>v1</c> Service (minimal).</summary>
public sealed class Service : IKubernetesObject
{
    /// <inheritdoc/>
    public string? ApiVersion { get; set; } = "v1";

    /// <inheritdoc/>
    public string? Kind { get; set; } = "Service";

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary><c>spec</c>.</summary>
    public ServiceSpec? Spec { get; set; }

    /// <summary><c>status</c>, passed through.</summary>
    public JsonObject? Status { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
