using MqttSource.Controller.Json;
using MqttSource.Kubernetes.Client;

namespace MqttSource.Controller.Resources;

/// <summary>Names of the MqttSource resource and a typed client for it.</summary>
internal static class MqttSourceResources
{
    /// <summary>API group.</summary>
    public const string Group = "sources.knative.dev";

    /// <summary>API version.</summary>
    public const string Version = "v1alpha1";

    /// <summary><c>apiVersion</c>.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary><c>kind</c>.</summary>
    public const string Kind = "MqttSource";

    /// <summary>Resource (plural) name.</summary>
    public const string Plural = "mqttsources";

    /// <summary>Where MqttSources live in the API.</summary>
    public static ResourceDefinition Definition { get; } = new(Group, Version, Kind, Plural, Namespaced: true);

    /// <summary>A typed client for MqttSources.</summary>
    public static ResourceClient<MqttSourceResource> MqttSources(this KubernetesClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Resource(Definition, ControllerJsonContext.Default.MqttSourceResource, ControllerJsonContext.Default.ResourceListMqttSourceResource);
    }
}
