using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace MqttSource.Controller.Resources;

/// <summary>
/// Knative's Addressable duck type: any object (Broker, Knative Service, Channel, …) that says where it takes events in
/// <c>status.address</c>. Only what sink resolution and tracking read is modelled.
/// </summary>
internal sealed class AddressableResource : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary><c>status</c>.</summary>
    [JsonPropertyName("status")]
    public AddressableStatus? Status { get; set; }
}
