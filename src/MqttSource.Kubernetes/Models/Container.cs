using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>Container</c>.</summary>
public sealed class Container
{
    /// <summary><c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>image</c>.</summary>
    public string? Image { get; set; }

    /// <summary><c>imagePullPolicy</c>.</summary>
    public string? ImagePullPolicy { get; set; }

    /// <summary><c>command</c>.</summary>
    public IList<string>? Command { get; set; }

    /// <summary><c>args</c>.</summary>
    public IList<string>? Args { get; set; }

    /// <summary><c>env</c>.</summary>
    public IList<EnvVar>? Env { get; set; }

    /// <summary><c>ports</c>.</summary>
    public IList<ContainerPort>? Ports { get; set; }

    /// <summary><c>resources</c> (<c>requests</c>/<c>limits</c>), passed through.</summary>
    public JsonObject? Resources { get; set; }

    /// <summary><c>readinessProbe</c>.</summary>
    public Probe? ReadinessProbe { get; set; }

    /// <summary><c>livenessProbe</c>.</summary>
    public Probe? LivenessProbe { get; set; }

    /// <summary><c>startupProbe</c>.</summary>
    public Probe? StartupProbe { get; set; }

    /// <summary><c>securityContext</c> (container level).</summary>
    public SecurityContext? SecurityContext { get; set; }

    /// <summary><c>volumeMounts</c>.</summary>
    public IList<VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
