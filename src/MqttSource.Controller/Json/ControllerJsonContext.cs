using System.Text.Json.Serialization;
using MqttSource.Controller.Resources;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Controller.Json;

/// <summary>Source-generated JSON metadata for the controller's own types (the controller is published trimmed).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MqttSourceResource))]
[JsonSerializable(typeof(ResourceList<MqttSourceResource>))]
internal sealed partial class ControllerJsonContext : JsonSerializerContext;
