using k8s;
using k8s.Models;

namespace MqttSource.Controller.Machinery;

/// <summary>
/// How an <see cref="Informer{T}"/> lists and watches one resource through KubernetesClient (see <see cref="ListWatches"/>
/// for the resources the controller uses). The selectors are part of the two calls.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
internal sealed class ListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>What is listed, for log lines (e.g. <c>statefulsets.apps</c>).</summary>
    public required string Resource { get; init; }

    /// <summary>Lists one page: continue token (null first), page size.</summary>
    public required Func<string?, int, CancellationToken, Task<ListPage<T>>> List { get; init; }

    /// <summary>
    /// Watches from a resourceVersion with a server-side timeout (seconds); errors in the stream (an ERROR event such as
    /// 410 Gone, a line that cannot be read) are reported to the callback, as KubernetesClient's watch does.
    /// </summary>
    public required Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> Watch { get; init; }
}
