using System.Text.Json.Serialization;

namespace MqttSource.Apis.Spec;

/// <summary>A value taken from a Secret: <c>{ secretKeyRef: { name, key } }</c>.</summary>
public sealed record SecretKeySelector
{
    /// <summary>The Secret and key.</summary>
    [JsonPropertyName("secretKeyRef")]
    public SecretKeyReference? SecretKeyRef { get; init; }
}
