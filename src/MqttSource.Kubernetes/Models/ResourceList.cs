namespace MqttSource.Kubernetes.Models;

/// <summary>A list response (<c>StatefulSetList</c>, …): <c>metadata</c> and <c>items</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ResourceList<T>
    where T : class
{
    /// <summary><c>apiVersion</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary><c>kind</c>, e.g. <c>StatefulSetList</c>.</summary>
    public string? Kind { get; set; }

    /// <summary><c>metadata</c>: resourceVersion and continue token.</summary>
    public ListMeta Metadata { get; set; } = new();

    /// <summary><c>items</c>.</summary>
    public IList<T> Items { get; set; } = [];
}
