namespace MqttSource.Testing.Kubernetes;

/// <summary>The kind of each resource, as API discovery and installed CRDs tell the real server. Thread-safe.</summary>
internal sealed class KindRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceKey, string> _kinds = new()
    {
        [new(string.Empty, "services")] = "Service",
        [new(string.Empty, "events")] = "Event",
        [new(string.Empty, "namespaces")] = "Namespace",
        [new(string.Empty, "secrets")] = "Secret",
        [new(string.Empty, "configmaps")] = "ConfigMap",
        [new(string.Empty, "pods")] = "Pod",
        [new(string.Empty, "serviceaccounts")] = "ServiceAccount",
        [new("apps", "statefulsets")] = "StatefulSet",
        [new("apps", "deployments")] = "Deployment",
        [new("coordination.k8s.io", "leases")] = "Lease",
    };

    /// <summary>Sets the kind of <paramref name="resource"/>.</summary>
    public void Register(ResourceKey resource, string kind)
    {
        lock (_lock)
        {
            _kinds[resource] = kind;
        }
    }

    /// <summary>Takes the kind of the first object created of a resource nobody registered.</summary>
    public void Learn(ResourceKey resource, string kind)
    {
        lock (_lock)
        {
            _kinds.TryAdd(resource, kind);
        }
    }

    public bool IsKnown(ResourceKey resource)
    {
        lock (_lock)
        {
            return _kinds.ContainsKey(resource);
        }
    }

    /// <summary>The kind, else a guess from the plural (<c>widgets</c> → <c>Widget</c>).</summary>
    public string KindOf(ResourceKey resource)
    {
        lock (_lock)
        {
            return _kinds.TryGetValue(resource, out var kind) ? kind : char.ToUpperInvariant(resource.Plural[0]) + resource.Plural[1..].TrimEnd('s');
        }
    }
}
