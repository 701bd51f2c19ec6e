using System.Text.Json.Serialization;
using MqttSource.Apis.Json;

namespace MqttSource.Apis.Status;

/// <summary>A Knative condition (<c>status.conditions[i]</c>).</summary>
public sealed record Condition
{
    /// <summary>See <see cref="ConditionTypes"/>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c> (see <see cref="ConditionStatus"/>).</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>One CamelCase word saying why.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>What a user can act on.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>When <see cref="Status"/> last changed; RFC 3339 in UTC, whole seconds.</summary>
    [JsonPropertyName("lastTransitionTime")]
    [JsonConverter(typeof(Rfc3339TimeConverter))]
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Empty (error), <c>Warning</c> or <c>Info</c> (see <see cref="ConditionSeverity"/>).</summary>
    [JsonPropertyName("severity")]
    public string? Severity { get; init; }
}
