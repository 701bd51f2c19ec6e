using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Controller.Resources;

/// <summary>
/// The <c>sources.knative.dev/v1alpha1</c> <c>MqttSource</c> custom resource as the API server stores it. Spec and
/// status stay JSON here: <see cref="Apis.Spec.MqttSourceSpec.FromJson(string)"/> reads the spec with path-named
/// errors, and the status is read and written as <see cref="Apis.Status.MqttSourceStatus"/>.
/// </summary>
internal sealed class MqttSourceResource : IKubernetesObject
{
    /// <inheritdoc/>
    public string? ApiVersion { get; set; } = MqttSourceResources.ApiVersion;

    /// <inheritdoc/>
    public string? Kind { get; set; } = MqttSourceResources.Kind;

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary><c>spec</c>, as written by the user (with the CRD's defaults applied by the API server).</summary>
    public JsonObject? Spec { get; set; }

    /// <summary><c>status</c>, as last written.</summary>
    public JsonObject? Status { get; set; }

    /// <summary>Members not modelled here.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
