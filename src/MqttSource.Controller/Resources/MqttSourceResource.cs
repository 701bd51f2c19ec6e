using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Status;
using MqttSource.Apis.Validation;
using MqttSource.Controller.Json;

namespace MqttSource.Controller.Resources;

/// <summary>
/// The <c>sources.knative.dev/v1alpha1</c> <c>MqttSource</c> custom resource: KubernetesClient's object envelope around
/// the <see cref="MqttSourceSpec"/> and <see cref="MqttSourceStatus"/> of <c>MqttSource.Apis</c>. The spec stays the
/// JSON the user wrote until <see cref="ReadSpec"/> parses it, so that a spec of the wrong shape still reaches the
/// reconciler and becomes <c>Valid=False</c> naming the field; a status that cannot be read is rewritten from scratch.
/// </summary>
internal sealed class MqttSourceResource : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = MqttSourceResources.ApiVersion;

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = MqttSourceResources.Kind;

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary><c>spec</c>, as stored (with the CRD's defaults applied by the API server).</summary>
    [JsonPropertyName("spec")]
    public JsonObject? Spec { get; set; }

    /// <summary><c>status</c>, as last written (null when absent or unreadable).</summary>
    [JsonPropertyName("status")]
    [JsonConverter(typeof(MqttSourceStatusConverter))]
    public MqttSourceStatus? Status { get; set; }

    /// <summary>The spec parsed and validated for Kubernetes: the spec, or every error with its path.</summary>
    public (MqttSourceSpec? Spec, IReadOnlyList<FieldError> Errors) ReadSpec()
    {
        if (Spec is null)
        {
            return (null, [new FieldError("spec", "required")]);
        }

        try
        {
            var spec = MqttSourceSpec.FromJson(Spec.ToJsonString());
            return (spec, MqttSourceValidator.Validate(spec, ValidationMode.Kubernetes));
        }
        catch (MqttSourceValidationException ex)
        {
            return (null, ex.Errors);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return (null, [new FieldError("spec", ex.Message)]);
        }
    }
}
