using k8s;
using k8s.Models;

namespace MqttSource.Controller.Machinery;

/// <summary>The key of an object in caches and work queues: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
internal static class ObjectKey
{
    /// <summary>The key of <paramref name="item"/>.</summary>
    public static string Of(IMetadata<V1ObjectMeta> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Of(item.Metadata?.NamespaceProperty, item.Metadata?.Name ?? string.Empty);
    }

    /// <summary>The key for a namespace and a name.</summary>
    public static string Of(string? @namespace, string name) => string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";

    /// <summary>The namespace (null when cluster-scoped) and name of <paramref name="key"/>.</summary>
    public static (string? Namespace, string Name) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }
}
