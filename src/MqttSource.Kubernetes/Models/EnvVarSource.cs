using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>EnvVarSource</c>: <c>secretKeyRef</c> or <c>fieldRef</c>; other sources pass through.</summary>
public sealed class EnvVarSource
{
    /// <summary><c>secretKeyRef</c>.</summary>
    public SecretKeySelector? SecretKeyRef { get; set; }

    /// <summary><c>fieldRef</c> (downward API).</summary>
    public ObjectFieldSelector? FieldRef { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
