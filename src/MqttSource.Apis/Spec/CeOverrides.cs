using System.Text.Json.Serialization;
using MqttSource.Apis.Json;

namespace MqttSource.Apis.Spec;

/// <summary>Knative <c>CloudEventOverrides</c>; also the shape of <c>K_CE_OVERRIDES</c>.</summary>
public sealed record CeOverrides
{
    /// <summary>Extension attributes set on every event (names <c>[a-z0-9]{1,20}</c>).</summary>
    [JsonPropertyName("extensions")]
    public IReadOnlyDictionary<string, string>? Extensions { get; init; }

    /// <summary>Reads <c>K_CE_OVERRIDES</c> (<c>{"extensions":{…}}</c>); check the names with <see cref="Validation.MqttSourceValidator.ValidateCeOverrides"/>.</summary>
    /// <exception cref="Validation.MqttSourceValidationException">Malformed JSON or a value of the wrong kind.</exception>
    public static CeOverrides FromJson(string json) =>
        MqttSourceJson.Read(json, MqttSourceJsonContext.Default.CeOverrides, "K_CE_OVERRIDES", strict: false);

    /// <summary>The <c>K_CE_OVERRIDES</c> JSON.</summary>
    public string ToJson() => MqttSourceJson.Write(this, MqttSourceJsonContext.Default.CeOverrides);
}
