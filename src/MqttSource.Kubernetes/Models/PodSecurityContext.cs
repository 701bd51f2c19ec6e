using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary>Pod <c>securityContext</c>.</summary>
public sealed class PodSecurityContext
{
    /// <summary><c>runAsNonRoot</c>.</summary>
    public bool? RunAsNonRoot { get; set; }

    /// <summary><c>runAsUser</c>.</summary>
    public long? RunAsUser { get; set; }

    /// <summary><c>runAsGroup</c>.</summary>
    public long? RunAsGroup { get; set; }

    /// <summary><c>fsGroup</c>.</summary>
    public long? FsGroup { get; set; }

    /// <summary><c>seccompProfile</c>, passed through.</summary>
    public JsonObject? SeccompProfile { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
