using System.Text.Json.Serialization;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Kubernetes.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for the models (no reflection: the controller is trimmed).
/// camelCase names as in Kubernetes, nulls left out when writing.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(GenericObject))]
[JsonSerializable(typeof(ResourceList<GenericObject>))]
[JsonSerializable(typeof(StatefulSet))]
[JsonSerializable(typeof(ResourceList<StatefulSet>))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(ResourceList<Deployment>))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(ResourceList<Service>))]
[JsonSerializable(typeof(CoreEvent))]
[JsonSerializable(typeof(ResourceList<CoreEvent>))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(ResourceList<Lease>))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
