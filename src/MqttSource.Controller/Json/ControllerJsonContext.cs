using System.Text.Json.Serialization;
using MqttSource.Controller.Resources;

namespace MqttSource.Controller.Json;

/// <summary>
/// Source-generated JSON metadata of the controller's own types, registered with KubernetesClient's JSON options (see
/// <see cref="Api.ControllerJson"/>): our assembly is trimmed, so our types must not depend on reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MqttSourceResource))]
[JsonSerializable(typeof(AddressableResource))]
internal sealed partial class ControllerJsonContext : JsonSerializerContext;
