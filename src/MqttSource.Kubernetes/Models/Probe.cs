using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>Probe</c>: an HTTP GET probe is modelled; other handlers pass through.</summary>
public sealed class Probe
{
    /// <summary><c>httpGet</c>.</summary>
    public HttpGetAction? HttpGet { get; set; }

    /// <summary><c>initialDelaySeconds</c>.</summary>
    public int? InitialDelaySeconds { get; set; }

    /// <summary><c>periodSeconds</c>.</summary>
    public int? PeriodSeconds { get; set; }

    /// <summary><c>timeoutSeconds</c>.</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary><c>failureThreshold</c>.</summary>
    public int? FailureThreshold { get; set; }

    /// <summary><c>successThreshold</c>.</summary>
    public int? SuccessThreshold { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
