using k8s;
using k8s.Models;

namespace MqttSource.Controller.Reconciler;

/// <summary>How to read, create, compare and update one kind of child object (see <see cref="ChildKinds"/>).</summary>
/// <typeparam name="T">The object type.</typeparam>
internal sealed class ChildKind<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The kind, for messages and events.</summary>
    public required string Kind { get; init; }

    /// <summary>GET (name, namespace).</summary>
    public required Func<string, string, CancellationToken, Task<T>> Read { get; init; }

    /// <summary>POST (object, namespace).</summary>
    public required Func<T, string, CancellationToken, Task<T>> Create { get; init; }

    /// <summary>PUT (object, name, namespace), with the resourceVersion read.</summary>
    public required Func<T, string, string, CancellationToken, Task<T>> Replace { get; init; }

    /// <summary>(desired, existing) → whether the existing one must be updated.</summary>
    public required Func<T, T, bool> Drifted { get; init; }

    /// <summary>(existing, desired) → the object to write.</summary>
    public required Func<T, T, T> Merge { get; init; }
}
