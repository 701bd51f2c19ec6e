using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace MqttSource.Controller.Machinery;

/// <summary>The list-and-watch pairs of the resources the controller caches, on KubernetesClient's typed and custom-object APIs.</summary>
internal static class ListWatches
{
    /// <summary>StatefulSets in all namespaces with <paramref name="labelSelector"/>.</summary>
    public static ListWatch<V1StatefulSet> StatefulSets(IKubernetes client, string labelSelector) => Typed<V1StatefulSet, V1StatefulSetList>(
        "statefulsets.apps",
        (next, limit, ct) => client.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: next, labelSelector: labelSelector, limit: limit, cancellationToken: ct),
        (rv, timeout, onError, ct) => client.AppsV1.WatchListStatefulSetForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));

    /// <summary>Services in all namespaces, with <paramref name="labelSelector"/> when set.</summary>
    public static ListWatch<V1Service> Services(IKubernetes client, string? labelSelector) => Typed<V1Service, V1ServiceList>(
        "services",
        (next, limit, ct) => client.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: next, labelSelector: labelSelector, limit: limit, cancellationToken: ct),
        (rv, timeout, onError, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));

    /// <summary>ServiceAccounts in all namespaces with <paramref name="labelSelector"/>.</summary>
    public static ListWatch<V1ServiceAccount> ServiceAccounts(IKubernetes client, string labelSelector) => Typed<V1ServiceAccount, V1ServiceAccountList>(
        "serviceaccounts",
        (next, limit, ct) => client.CoreV1.ListServiceAccountForAllNamespacesAsync(continueParameter: next, labelSelector: labelSelector, limit: limit, cancellationToken: ct),
        (rv, timeout, onError, ct) => client.CoreV1.WatchListServiceAccountForAllNamespacesAsync(
            allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));

    /// <summary>The one ConfigMap <paramref name="namespace"/>/<paramref name="name"/> (a field selector, so RBAC may name it).</summary>
    public static ListWatch<V1ConfigMap> ConfigMap(IKubernetes client, string @namespace, string name)
    {
        var fieldSelector = "metadata.name=" + name;
        return Typed<V1ConfigMap, V1ConfigMapList>(
            $"configmaps {@namespace}/{name}",
            (next, limit, ct) => client.CoreV1.ListNamespacedConfigMapAsync(@namespace, continueParameter: next, fieldSelector: fieldSelector, limit: limit, cancellationToken: ct),
            (rv, timeout, onError, ct) => client.CoreV1.WatchListNamespacedConfigMapAsync(
                @namespace, allowWatchBookmarks: true, fieldSelector: fieldSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct));
    }

    /// <summary>
    /// Any resource of an API group (custom resources, Knative Addressables, …) in all namespaces, read as JSON by the
    /// custom-objects API and turned into <typeparamref name="T"/> with <paramref name="typeInfo"/>.
    /// </summary>
    public static ListWatch<T> Custom<T>(IKubernetes client, string group, string version, string plural, JsonTypeInfo<T> typeInfo)
        where T : class, IKubernetesObject<V1ObjectMeta> => new()
    {
        Resource = plural + "." + group,
        List = async (next, limit, ct) =>
        {
            var list = (JsonElement)await client.CustomObjects.ListClusterCustomObjectAsync(group, version, plural, continueParameter: next, limit: limit, cancellationToken: ct).ConfigureAwait(false);
            var items = list.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array
                ? [.. array.EnumerateArray().Select(i => i.Deserialize(typeInfo)!)]
                : new List<T>();
            var meta = list.TryGetProperty("metadata", out var m) ? m : default;
            return new ListPage<T>(items, Text(meta, "resourceVersion") ?? string.Empty, Text(meta, "continue"));
        },
        Watch = (rv, timeout, onError, ct) => Convert(
            client.CustomObjects.WatchListClusterCustomObjectAsync(group, version, plural, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
            typeInfo,
            ct),
    };

    private static ListWatch<T> Typed<T, TList>(
        string resource,
        Func<string?, int, CancellationToken, Task<TList>> list,
        Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IItems<T>, IMetadata<V1ListMeta> => new()
    {
        Resource = resource,
        List = async (next, limit, ct) =>
        {
            var page = await list(next, limit, ct).ConfigureAwait(false);
            return new ListPage<T>([.. page.Items], page.Metadata?.ResourceVersion ?? string.Empty, page.Metadata?.ContinueProperty);
        },
        Watch = watch,
    };

    private static async IAsyncEnumerable<(WatchEventType, T)> Convert<T>(IAsyncEnumerable<(WatchEventType, object)> events, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (type, item) in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item is JsonElement element && element.Deserialize(typeInfo) is { } converted)
            {
                yield return (type, converted);
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
