using System.Text.Json.Serialization;
using MqttSource.Apis.Json;

namespace MqttSource.Apis.Status;

/// <summary>The <c>status</c> of an MqttSource (Knative <c>SourceStatus</c>).</summary>
public sealed record MqttSourceStatus
{
    /// <summary>The <c>metadata.generation</c> this status was computed for.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>Ready, Valid, SinkProvided, Deployed (see <see cref="MqttSourceConditionSet"/>).</summary>
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>The resolved sink URI.</summary>
    [JsonPropertyName("sinkUri")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1056:URI-like properties should not be strings", Justification = "Wire shape of Knative SourceStatus.")]
    public string? SinkUri { get; init; }

    /// <summary>PEM certificates of the resolved sink.</summary>
    [JsonPropertyName("sinkCACerts")]
    public string? SinkCACerts { get; init; }

    /// <summary>OIDC audience of the resolved sink.</summary>
    [JsonPropertyName("sinkAudience")]
    public string? SinkAudience { get; init; }

    /// <summary>The OIDC identity of the adapter (Knative's <c>status.auth</c>), when the <c>authentication-oidc</c> feature is on.</summary>
    [JsonPropertyName("auth")]
    public AuthStatus? Auth { get; init; }

    /// <summary>The event types and sources this source emits.</summary>
    [JsonPropertyName("ceAttributes")]
    public IReadOnlyList<CloudEventAttributes>? CeAttributes { get; init; }

    /// <summary>The condition of the given type, or null.</summary>
    public Condition? GetCondition(string type) =>
        Conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    /// <summary>Whether <c>Ready</c> is <c>True</c>.</summary>
    [JsonIgnore]
    public bool IsReady => GetCondition(ConditionTypes.Ready)?.Status == ConditionStatus.True;

    /// <summary>Reads a status from JSON.</summary>
    /// <exception cref="Validation.MqttSourceValidationException">Malformed JSON or a value of the wrong kind.</exception>
    public static MqttSourceStatus FromJson(string json) =>
        MqttSourceJson.Read(json, MqttSourceJsonContext.Default.MqttSourceStatus, "status", strict: false);

    /// <summary>Writes the status as compact JSON, leaving out unset members.</summary>
    public string ToJson() => MqttSourceJson.Write(this, MqttSourceJsonContext.Default.MqttSourceStatus);
}
