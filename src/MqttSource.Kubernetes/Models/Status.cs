using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>metav1.Status</c> (kind <c>Status</c>): the body of every API error and of some deletes.</summary>
public sealed class Status
{
    /// <summary><c>apiVersion</c> (<c>v1</c>).</summary>
    public string? ApiVersion { get; set; }

    /// <summary><c>kind</c> (<c>Status</c>).</summary>
    public string? Kind { get; set; }

    /// <summary><c>status</c>: <c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }

    /// <summary><c>message</c>: for people.</summary>
    public string? Message { get; set; }

    /// <summary><c>reason</c>: for programs, e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Expired</c>.</summary>
    public string? Reason { get; set; }

    /// <summary><c>code</c>: the HTTP status code.</summary>
    public int? Code { get; set; }

    /// <summary><c>details</c>.</summary>
    public StatusDetails? Details { get; set; }

    /// <summary>Members not modelled here.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
