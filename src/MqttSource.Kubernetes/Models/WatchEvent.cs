namespace MqttSource.Kubernetes.Models;

/// <summary>One event of a watch stream.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">What happened.</param>
/// <param name="Resource">The object after the change (for <see cref="WatchEventType.Bookmark"/>, only its resourceVersion).</param>
public sealed record WatchEvent<T>(WatchEventType Type, T Resource)
    where T : class, IKubernetesObject;
