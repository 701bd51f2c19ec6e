using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using MqttSource.Controller.Api;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Machinery;
using MqttSource.Controller.Resources;
using MqttSource.Controller.Sinks;

namespace MqttSource.Controller.Tracking;

/// <summary>
/// Knative's tracker: sources say which objects they refer to (<see cref="Track"/>); one informer per referenced kind
/// (started on first use, all namespaces) watches those objects, and any change of a referent — a Broker's
/// <c>status.address.url</c>, its CA certificates or audience, its deletion — queues the sources that refer to it at
/// once, instead of at the next resync.
/// </summary>
internal sealed class ReferenceTracker(IKubernetes client, Action<string> enqueue, TimeProvider time, ILogger logger, CancellationToken stopping)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<TrackedReference>> _bySource = new(StringComparer.Ordinal);
    private readonly Dictionary<TrackedReference, HashSet<string>> _byReference = [];
    private readonly Dictionary<string, Task> _informers = new(StringComparer.Ordinal);

    /// <summary>The kinds watched now (<c>apiVersion|kind</c>).</summary>
    public IReadOnlyCollection<string> WatchedKinds
    {
        get
        {
            lock (_lock)
            {
                return [.. _informers.Keys];
            }
        }
    }

    /// <summary>Replaces what the source <paramref name="sourceKey"/> refers to; starts informers for new kinds.</summary>
    public void Track(string sourceKey, IEnumerable<TrackedReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var wanted = references.ToHashSet();
        lock (_lock)
        {
            Untrack(sourceKey);
            if (wanted.Count == 0)
            {
                return;
            }

            _bySource[sourceKey] = wanted;
            foreach (var reference in wanted)
            {
                if (!_byReference.TryGetValue(reference, out var sources))
                {
                    _byReference[reference] = sources = new HashSet<string>(StringComparer.Ordinal);
                }

                sources.Add(sourceKey);
                if (!_informers.ContainsKey(reference.KindKey) && !stopping.IsCancellationRequested)
                {
                    _informers[reference.KindKey] = Watch(reference);
                }
            }
        }
    }

    /// <summary>Forgets a source (deleted).</summary>
    public void Forget(string sourceKey)
    {
        lock (_lock)
        {
            Untrack(sourceKey);
        }
    }

    /// <summary>Waits for the informers to stop (after <c>stopping</c> was cancelled).</summary>
    public Task StopAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_informers.Values);
        }
    }

    private void Untrack(string sourceKey)
    {
        if (!_bySource.Remove(sourceKey, out var old))
        {
            return;
        }

        foreach (var reference in old)
        {
            if (_byReference.TryGetValue(reference, out var sources) && sources.Remove(sourceKey) && sources.Count == 0)
            {
                _byReference.Remove(reference);
            }
        }
    }

    private Task Watch(TrackedReference kind)
    {
        ControllerLog.TrackingKind(logger, kind.Kind, kind.ApiVersion);
        if (kind.ApiVersion == "v1" && kind.Kind == "Service")
        {
            return Run(ListWatches.Services(client, labelSelector: null), kind);
        }

        var (group, version) = TrackedReference.SplitApiVersion(kind.ApiVersion);
        return Run(ListWatches.Custom(client, group, version, KindPlurals.Of(kind.Kind), ControllerJson.TypeInfo<AddressableResource>()), kind);
    }

    private Task Run<T>(ListWatch<T> source, TrackedReference kind)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = new Informer<T>(source, new InformerOptions(), time, logger);
        informer.AddHandler(new InformerHandler<T>
        {
            Added = o => Changed(kind, o.Metadata),
            Updated = (old, now) =>
            {
                if (old.Metadata?.ResourceVersion != now.Metadata?.ResourceVersion)
                {
                    Changed(kind, now.Metadata);
                }
            },
            Deleted = o => Changed(kind, o.Metadata),
        });
        return Task.Run(() => informer.RunAsync(stopping), CancellationToken.None);
    }

    private void Changed(TrackedReference kind, V1ObjectMeta? meta)
    {
        if (meta?.Name is not { } name)
        {
            return;
        }

        var reference = kind with { Namespace = meta.NamespaceProperty ?? string.Empty, Name = name };
        string[] sources;
        lock (_lock)
        {
            sources = _byReference.TryGetValue(reference, out var found) ? [.. found] : [];
        }

        foreach (var source in sources)
        {
            enqueue(source);
        }
    }
}
