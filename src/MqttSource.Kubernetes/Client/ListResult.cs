namespace MqttSource.Kubernetes.Client;

/// <summary>Every item of a (paginated) list and the list's resourceVersion to watch from.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">All items, page after page.</param>
/// <param name="ResourceVersion">The resourceVersion of the first page (a consistent snapshot).</param>
public sealed record ListResult<T>(IReadOnlyList<T> Items, string ResourceVersion);
