using System.Text.Json.Serialization;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Status;

namespace MqttSource.Apis.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for the spec, the status and <c>K_CE_OVERRIDES</c> (no reflection:
/// the apps are trimmed). Unset members are left out when writing; names are case-sensitive, as in Kubernetes.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MqttSourceSpec))]
[JsonSerializable(typeof(MqttSourceStatus))]
[JsonSerializable(typeof(CeOverrides))]
public sealed partial class MqttSourceJsonContext : JsonSerializerContext;
