using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Machinery;
using MqttSource.Controller.Metrics;
using MqttSource.Controller.Reconciler;
using MqttSource.Controller.Resources;
using MqttSource.Controller.Tracking;

namespace MqttSource.Controller.Runtime;

/// <summary>
/// The reconcile loop while leading: informers on MqttSources (all namespaces), on their children (StatefulSets, Services,
/// ServiceAccounts, by label: a change queues the owning source, so drift is put back at once), on the ConfigMaps
/// (config-features, config-logging, config-observability: a change queues every source), the reference tracker (a
/// change of a sink queues the sources that use it), a de-duplicating work queue with rate-limited requeue, N workers.
/// </summary>
internal sealed class ControllerRuntime(
    IKubernetes client,
    ControllerOptions options,
    ConfigStore config,
    LogLevelSwitch logLevel,
    ControllerMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("MqttSource.Controller");
    private volatile bool _synced;
    private ReferenceTracker? _tracker;

    /// <summary>Whether the informers have loaded their first list (in the current run).</summary>
    public bool IsSynced => _synced;

    /// <summary>The kinds the reference tracker watches in the current run (for tests and diagnostics).</summary>
    public IReadOnlyCollection<string> TrackedKinds => _tracker?.WatchedKinds ?? [];

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var queue = new WorkQueue<string>(new WorkQueueOptions { BaseDelay = options.RetryBaseDelay, MaxDelay = options.RetryMaxDelay }, time);
        metrics.QueueDepth = () => queue.Count + queue.DelayedCount;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tracker = _tracker = new ReferenceTracker(client, queue.Add, time, _logger, stop.Token);
        var reconciler = new MqttSourceReconciler(
            client,
            new ReconcilerOptions { AdapterImage = options.AdapterImage, Instance = options.Identity },
            config,
            tracker,
            time,
            loggers.CreateLogger("MqttSource.Controller.Reconciler"));

        var sources = new Informer<MqttSourceResource>(MqttSourceResources.ListWatch(client), new InformerOptions { ResyncPeriod = options.ResyncPeriod }, time, _logger);
        sources.AddHandler(new InformerHandler<MqttSourceResource>
        {
            Added = s => queue.Add(ObjectKey.Of(s)),
            Updated = (old, now) =>
            {
                // Resync (same object) or a spec change; our own status writes do not need another pass.
                if (old.Metadata.ResourceVersion == now.Metadata.ResourceVersion || old.Metadata.Generation != now.Metadata.Generation)
                {
                    queue.Add(ObjectKey.Of(now));
                }
            },
            Deleted = s => tracker.Forget(ObjectKey.Of(s)),
        });
        void EnqueueAll(string configMap)
        {
            ControllerLog.ConfigChanged(_logger, configMap);
            foreach (var source in sources.List())
            {
                queue.Add(ObjectKey.Of(source));
            }
        }

        var informers = new List<Task>();
        var synced = new List<Task>();
        void Start<T>(Informer<T> informer)
            where T : class, IKubernetesObject<V1ObjectMeta>
        {
            informers.Add(Task.Run(() => informer.RunAsync(stop.Token), CancellationToken.None));
            synced.Add(informer.WaitForSyncAsync(stop.Token));
        }

        Start(sources);
        Start(Children(ListWatches.StatefulSets(client, AdapterLabels.Selector), queue));
        Start(Children(ListWatches.Services(client, AdapterLabels.Selector), queue));
        Start(Children(ListWatches.ServiceAccounts(client, AdapterLabels.Selector), queue));
        Start(ConfigMap(ConfigMapNames.KnativeEventingNamespace, ConfigMapNames.Features, c => config.SetFeatures(c), EnqueueAll));
        Start(ConfigMap(options.SystemNamespace, ConfigMapNames.Logging, c => config.SetLogging(c), name =>
        {
            ApplyControllerLevel();
            EnqueueAll(name);
        }));
        Start(ConfigMap(options.SystemNamespace, ConfigMapNames.Observability, c => config.SetObservability(c), EnqueueAll));
        try
        {
            await Task.WhenAll(synced).ConfigureAwait(false);
            _synced = true;
            ControllerLog.Synced(_logger, options.Workers);
            var workers = Enumerable.Range(0, options.Workers).Select(_ => WorkAsync(reconciler, queue, stop.Token)).ToArray();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            _synced = false;
            queue.ShutDown();
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(informers).ConfigureAwait(false);
            await tracker.StopAsync().ConfigureAwait(false);
            metrics.QueueDepth = null;
        }
    }

    private Informer<T> Children<T>(ListWatch<T> source, WorkQueue<string> queue)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = new Informer<T>(source, new InformerOptions(), time, _logger);
        informer.AddHandler(new InformerHandler<T>
        {
            Added = o => EnqueueOwner(queue, o.Metadata),
            Updated = (_, o) => EnqueueOwner(queue, o.Metadata),
            Deleted = o => EnqueueOwner(queue, o.Metadata),
        });
        return informer;
    }

    private Informer<V1ConfigMap> ConfigMap(string @namespace, string name, Func<V1ConfigMap?, bool> set, Action<string> changed)
    {
        var informer = new Informer<V1ConfigMap>(ListWatches.ConfigMap(client, @namespace, name), new InformerOptions(), time, _logger);
        void Take(V1ConfigMap? configMap)
        {
            if (set(configMap))
            {
                foreach (var problem in config.Observability.Problems)
                {
                    ControllerLog.ConfigurationProblem(_logger, problem);
                }

                changed(name);
            }
        }

        informer.AddHandler(new InformerHandler<V1ConfigMap>
        {
            Added = Take,
            Updated = (_, now) => Take(now),
            Deleted = _ => Take(null),
        });
        return informer;
    }

    private void ApplyControllerLevel()
    {
        var level = config.Observability.ControllerLevel ?? LogLevel.Information;
        if (logLevel.Level != level)
        {
            logLevel.Level = level;
            ControllerLog.LogLevelChanged(_logger, level);
        }
    }

    private static void EnqueueOwner(WorkQueue<string> queue, V1ObjectMeta? meta)
    {
        var owner = meta?.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == MqttSourceResources.Kind && o.ApiVersion?.StartsWith(MqttSourceResources.Group + "/", StringComparison.Ordinal) == true);
        if (owner?.Name is { Length: > 0 } name)
        {
            queue.Add(ObjectKey.Of(meta!.NamespaceProperty, name));
        }
    }

    private async Task WorkAsync(MqttSourceReconciler reconciler, WorkQueue<string> queue, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string key;
            try
            {
                key = await queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var started = time.GetTimestamp();
            try
            {
                var (ns, name) = ObjectKey.Split(key);
                var result = await reconciler.ReconcileAsync(ns ?? string.Empty, name, cancellationToken).ConfigureAwait(false);
                if (result.Requeue)
                {
                    queue.AddRateLimited(key);
                }
                else
                {
                    queue.Forget(key);
                }

                var elapsed = time.GetElapsedTime(started);
                metrics.Reconciled(elapsed, result.Requeue, failed: false);
                ControllerLog.Reconciled(_logger, key, elapsed.TotalMilliseconds, result.Requeue);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                metrics.Reconciled(time.GetElapsedTime(started), requeue: true, failed: true);
                ControllerLog.ReconcileFailed(_logger, ex, key);
                queue.AddRateLimited(key);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }
}
