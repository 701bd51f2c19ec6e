namespace MqttSource.Kubernetes.Client;

/// <summary>Where a resource lives in the API: <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}</c> (core: <c>/api/v1</c>).</summary>
/// <param name="Group">API group, empty for the core group.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Kind">Kind, e.g. <c>StatefulSet</c>: filled into objects sent without one.</param>
/// <param name="Plural">Resource name, e.g. <c>statefulsets</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ResourceDefinition(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary><c>apps/v1</c> statefulsets.</summary>
    public static ResourceDefinition StatefulSets { get; } = new("apps", "v1", "StatefulSet", "statefulsets", true);

    /// <summary><c>apps/v1</c> deployments.</summary>
    public static ResourceDefinition Deployments { get; } = new("apps", "v1", "Deployment", "deployments", true);

    /// <summary><c>v1</c> services.</summary>
    public static ResourceDefinition Services { get; } = new(string.Empty, "v1", "Service", "services", true);

    /// <summary><c>v1</c> events.</summary>
    public static ResourceDefinition Events { get; } = new(string.Empty, "v1", "Event", "events", true);

    /// <summary><c>coordination.k8s.io/v1</c> leases.</summary>
    public static ResourceDefinition Leases { get; } = new("coordination.k8s.io", "v1", "Lease", "leases", true);

    /// <summary><c>apiVersion</c>: <c>group/version</c>, or the version alone for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection path for <paramref name="namespace"/> (null: all namespaces or cluster-scoped).</summary>
    public string CollectionPath(string? @namespace)
    {
        var root = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        return @namespace is null ? $"{root}/{Plural}" : $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}";
    }

    /// <summary>The path of one object, optionally of a subresource such as <c>status</c>.</summary>
    public string ObjectPath(string? @namespace, string name, string? subresource = null)
    {
        var path = $"{CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }
}
