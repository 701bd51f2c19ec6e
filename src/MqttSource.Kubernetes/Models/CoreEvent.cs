using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>v1</c> Event (core, kind <c>Event</c>): what <c>kubectl describe</c> shows.</summary>
public sealed class CoreEvent : IKubernetesObject
{
    /// <inheritdoc/>
    public string? ApiVersion { get; set; } = "v1";

    /// <inheritdoc/>
    public string? Kind { get; set; } = "Event";

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary><c>involvedObject</c>.</summary>
    public ObjectReference? InvolvedObject { get; set; }

    /// <summary><c>reason</c>: short, UpperCamelCase.</summary>
    public string? Reason { get; set; }

    /// <summary><c>message</c>.</summary>
    public string? Message { get; set; }

    /// <summary><c>type</c>: <c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; set; }

    /// <summary><c>source</c>.</summary>
    public EventSource? Source { get; set; }

    /// <summary><c>firstTimestamp</c>.</summary>
    [JsonConverter(typeof(Json.KubernetesTimeConverter))]
    public DateTimeOffset? FirstTimestamp { get; set; }

    /// <summary><c>lastTimestamp</c>.</summary>
    [JsonConverter(typeof(Json.KubernetesTimeConverter))]
    public DateTimeOffset? LastTimestamp { get; set; }

    /// <summary><c>count</c>.</summary>
    public int? Count { get; set; }

    /// <summary><c>reportingComponent</c>.</summary>
    public string? ReportingComponent { get; set; }

    /// <summary><c>reportingInstance</c>.</summary>
    public string? ReportingInstance { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
