using Microsoft.Extensions.Logging;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Metrics;
using MqttSource.Controller.Reconciler;
using MqttSource.Controller.Resources;
using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.Informers;
using MqttSource.Kubernetes.Models;
using MqttSource.Kubernetes.Queues;

namespace MqttSource.Controller.Runtime;

/// <summary>
/// The reconcile loop: informers on MqttSources (all namespaces) and on the adapter StatefulSets (by label; a change
/// queues the owning MqttSource), a de-duplicating work queue with rate-limited requeue, and N workers.
/// </summary>
internal sealed class ControllerRuntime(
    KubernetesClient client,
    MqttSourceReconciler reconciler,
    ControllerOptions options,
    ControllerMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private volatile bool _synced;

    /// <summary>Whether the informers have loaded their first list (in the current run).</summary>
    public bool IsSynced => _synced;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var queue = new WorkQueue<string>(new WorkQueueOptions { BaseDelay = options.RetryBaseDelay, MaxDelay = options.RetryMaxDelay }, time);
        metrics.QueueDepth = () => queue.Count + queue.DelayedCount;
        var sources = new Informer<MqttSourceResource>(client.MqttSources(), new InformerOptions { ResyncPeriod = options.ResyncPeriod }, time, logger);
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
        });
        var sets = new Informer<StatefulSet>(client.StatefulSets(), new InformerOptions { LabelSelector = AdapterLabels.Selector }, time, logger);
        sets.AddHandler(new InformerHandler<StatefulSet>
        {
            Added = s => EnqueueOwner(queue, s),
            Updated = (_, s) => EnqueueOwner(queue, s),
            Deleted = s => EnqueueOwner(queue, s),
        });

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informers = new[] { sources.RunAsync(stop.Token), sets.RunAsync(stop.Token) };
        try
        {
            await Task.WhenAll(sources.WaitForSyncAsync(stop.Token), sets.WaitForSyncAsync(stop.Token)).ConfigureAwait(false);
            _synced = true;
            ControllerLog.Synced(logger, options.Workers);
            var workers = Enumerable.Range(0, options.Workers).Select(_ => WorkAsync(queue, stop.Token)).ToArray();
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
            metrics.QueueDepth = null;
        }
    }

    private static void EnqueueOwner(WorkQueue<string> queue, StatefulSet set)
    {
        var owner = set.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == MqttSourceResources.Kind && o.ApiVersion?.StartsWith(MqttSourceResources.Group + "/", StringComparison.Ordinal) == true);
        if (owner?.Name is { Length: > 0 } name)
        {
            queue.Add(ObjectKey.Of(set.Metadata.Namespace, name));
        }
    }

    private async Task WorkAsync(WorkQueue<string> queue, CancellationToken cancellationToken)
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
                ControllerLog.Reconciled(logger, key, elapsed.TotalMilliseconds, result.Requeue);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                metrics.Reconciled(time.GetElapsedTime(started), requeue: true, failed: true);
                ControllerLog.ReconcileFailed(logger, ex, key);
                queue.AddRateLimited(key);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }
}
