using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary>StatefulSet <c>spec</c>.</summary>
public sealed class StatefulSetSpec
{
    /// <summary><c>replicas</c>.</summary>
    public int? Replicas { get; set; }

    /// <summary><c>selector</c> (immutable after create).</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary><c>serviceName</c>: the governing headless Service.</summary>
    public string? ServiceName { get; set; }

    /// <summary><c>template</c>.</summary>
    public PodTemplateSpec? Template { get; set; }

    /// <summary><c>podManagementPolicy</c>: <c>OrderedReady</c> or <c>Parallel</c>.</summary>
    public string? PodManagementPolicy { get; set; }

    /// <summary><c>updateStrategy</c> (<c>type</c>: <c>RollingUpdate</c> or <c>OnDelete</c>, <c>rollingUpdate</c>).</summary>
    public JsonObject? UpdateStrategy { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
