using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>metav1.StatusDetails</c>.</summary>
public sealed class StatusDetails
{
    /// <summary><c>name</c> of the object concerned.</summary>
    public string? Name { get; set; }

    /// <summary><c>group</c> of the resource.</summary>
    public string? Group { get; set; }

    /// <summary><c>kind</c>: the resource (the server puts the plural here, e.g. <c>statefulsets</c>).</summary>
    public string? Kind { get; set; }

    /// <summary><c>uid</c>.</summary>
    public string? Uid { get; set; }

    /// <summary><c>causes</c>: field-level reasons, e.g. for <c>Invalid</c>.</summary>
    public IList<StatusCause>? Causes { get; set; }

    /// <summary><c>retryAfterSeconds</c>.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Members not modelled here.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
