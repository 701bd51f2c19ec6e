using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary>Container <c>securityContext</c>.</summary>
public sealed class SecurityContext
{
    /// <summary><c>allowPrivilegeEscalation</c>.</summary>
    public bool? AllowPrivilegeEscalation { get; set; }

    /// <summary><c>readOnlyRootFilesystem</c>.</summary>
    public bool? ReadOnlyRootFilesystem { get; set; }

    /// <summary><c>runAsNonRoot</c>.</summary>
    public bool? RunAsNonRoot { get; set; }

    /// <summary><c>runAsUser</c>.</summary>
    public long? RunAsUser { get; set; }

    /// <summary><c>capabilities</c> (<c>add</c>/<c>drop</c>), passed through.</summary>
    public JsonObject? Capabilities { get; set; }

    /// <summary><c>seccompProfile</c> (<c>type</c>: <c>RuntimeDefault</c>, …), passed through.</summary>
    public JsonObject? SeccompProfile { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
