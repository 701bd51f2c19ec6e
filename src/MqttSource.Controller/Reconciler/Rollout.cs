using System.Globalization;
using k8s.Models;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// Whether the adapter is deployed, from the StatefulSet's status the way Knative propagates a workload's: the
/// StatefulSet controller has seen the current generation (<c>observedGeneration</c>), every replica runs the current
/// template (<c>updatedReplicas</c>, <c>currentRevision == updateRevision</c>), no extra pod is still going away, and all
/// are ready (connected to the broker and subscribed). During a rollout the old pods may be ready; that is not deployed.
/// </summary>
internal static class Rollout
{
    /// <summary>Reason while pods run an older template or the StatefulSet controller has not caught up.</summary>
    public const string RollingOut = "RollingOut";

    /// <summary>Reason while fewer pods than wanted are ready.</summary>
    public const string NotReady = "AdapterNotReady";

    /// <summary>Null when deployed, else a reason and a message.</summary>
    public static (string Reason, string Message)? Pending(V1StatefulSet set, int want, string selectorHint)
    {
        ArgumentNullException.ThrowIfNull(set);
        var status = set.Status;
        var generation = set.Metadata?.Generation ?? 0;
        if (status is null || (status.ObservedGeneration ?? 0) < generation)
        {
            return (RollingOut, string.Create(CultureInfo.InvariantCulture, $"the StatefulSet controller has not yet acted on generation {generation} of StatefulSet {set.Metadata?.Name}"));
        }

        var updated = status.UpdatedReplicas ?? 0;
        var ready = status.ReadyReplicas ?? 0;
        if (updated < want || (status.CurrentRevision is { Length: > 0 } current && status.UpdateRevision is { Length: > 0 } update && current != update))
        {
            return (RollingOut, string.Create(CultureInfo.InvariantCulture, $"rolling out the current adapter: {Math.Min(updated, want)} of {want} pods updated, {ready} ready; see kubectl rollout status statefulset/{set.Metadata?.Name} -n {set.Metadata?.NamespaceProperty}"));
        }

        if (status.Replicas > want)
        {
            return (RollingOut, string.Create(CultureInfo.InvariantCulture, $"scaling down: {status.Replicas} pods, {want} wanted"));
        }

        if (ready < want)
        {
            return (NotReady, string.Create(CultureInfo.InvariantCulture, $"{ready} of {want} adapter pods ready (ready = connected to the broker and subscribed); see kubectl get pods -n {set.Metadata?.NamespaceProperty} -l {selectorHint}"));
        }

        return null;
    }
}
