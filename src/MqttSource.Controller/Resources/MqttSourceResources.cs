using System.Text.Json;
using k8s;
using MqttSource.Controller.Api;
using MqttSource.Controller.Machinery;

namespace MqttSource.Controller.Resources;

/// <summary>Names of the MqttSource resource and its calls on KubernetesClient's custom-objects API.</summary>
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

    /// <summary>Lists and watches MqttSources in all namespaces.</summary>
    public static ListWatch<MqttSourceResource> ListWatch(IKubernetes client) =>
        ListWatches.Custom(client, Group, Version, Plural, ControllerJson.TypeInfo<MqttSourceResource>());

    /// <summary>The MqttSource, or null when there is none.</summary>
    public static async Task<MqttSourceResource?> TryGetAsync(IKubernetes client, string @namespace, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var found = await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, @namespace, Plural, name, cancellationToken).ConfigureAwait(false);
            return ((JsonElement)found).Deserialize(ControllerJson.TypeInfo<MqttSourceResource>());
        }
        catch (Exception ex) when (ApiErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    /// <summary>Writes <c>status</c> through the status subresource, with the resourceVersion read (409 when stale).</summary>
    public static async Task<MqttSourceResource> ReplaceStatusAsync(IKubernetes client, MqttSourceResource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(source);
        var written = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
            source, Group, Version, source.Metadata.NamespaceProperty, Plural, source.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ((JsonElement)written).Deserialize(ControllerJson.TypeInfo<MqttSourceResource>())!;
    }
}
