using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>PodSpec</c>: the pieces a controller sets; the rest passes through untouched.</summary>
public sealed class PodSpec
{
    /// <summary><c>containers</c>.</summary>
    public IList<Container> Containers { get; set; } = [];

    /// <summary><c>volumes</c>.</summary>
    public IList<Volume>? Volumes { get; set; }

    /// <summary><c>serviceAccountName</c>.</summary>
    public string? ServiceAccountName { get; set; }

    /// <summary><c>automountServiceAccountToken</c>.</summary>
    public bool? AutomountServiceAccountToken { get; set; }

    /// <summary><c>securityContext</c> (pod level).</summary>
    public PodSecurityContext? SecurityContext { get; set; }

    /// <summary><c>nodeSelector</c>, passed through.</summary>
    public JsonObject? NodeSelector { get; set; }

    /// <summary><c>tolerations</c>, passed through.</summary>
    public JsonArray? Tolerations { get; set; }

    /// <summary><c>affinity</c>, passed through.</summary>
    public JsonObject? Affinity { get; set; }

    /// <summary><c>terminationGracePeriodSeconds</c>.</summary>
    public long? TerminationGracePeriodSeconds { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
