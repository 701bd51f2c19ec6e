using k8s.Models;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// How an update keeps what is not the controller's: the existing object with our labels, annotations and controller
/// reference added (other owners', labels and annotations stay), and our fields put back.
/// </summary>
internal static class ChildMerge
{
    /// <summary>The StatefulSet to write: replicas, template and update strategy are ours; immutable fields stay as they are.</summary>
    public static V1StatefulSet StatefulSet(V1StatefulSet existing, V1StatefulSet desired)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(desired);
        Metadata(existing.Metadata, desired.Metadata);
        var spec = existing.Spec ??= new V1StatefulSetSpec();
        spec.Replicas = desired.Spec.Replicas;
        spec.UpdateStrategy = desired.Spec.UpdateStrategy;
        var template = desired.Spec.Template;
        // Annotations others put on the pod template (kubectl rollout restart's restartedAt) stay: dropping them would roll the pods again.
        template.Metadata.Annotations = Union(spec.Template?.Metadata?.Annotations, template.Metadata.Annotations);
        spec.Template = template;
        spec.Selector ??= desired.Spec.Selector;
        spec.ServiceName ??= desired.Spec.ServiceName;
        return existing;
    }

    /// <summary>The Service to write: selector, ports and not-ready addresses are ours; the cluster IP is immutable.</summary>
    public static V1Service Service(V1Service existing, V1Service desired)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(desired);
        Metadata(existing.Metadata, desired.Metadata);
        var spec = existing.Spec ??= new V1ServiceSpec();
        spec.Selector = desired.Spec.Selector;
        spec.Ports = desired.Spec.Ports;
        spec.PublishNotReadyAddresses = desired.Spec.PublishNotReadyAddresses;
        return existing;
    }

    /// <summary>The ServiceAccount to write: only its metadata is ours.</summary>
    public static V1ServiceAccount ServiceAccount(V1ServiceAccount existing, V1ServiceAccount desired)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(desired);
        Metadata(existing.Metadata, desired.Metadata);
        return existing;
    }

    private static void Metadata(V1ObjectMeta existing, V1ObjectMeta desired)
    {
        existing.Labels = Union(existing.Labels, desired.Labels);
        existing.Annotations = Union(existing.Annotations, desired.Annotations);
        var ours = desired.OwnerReferences ?? [];
        var owners = (existing.OwnerReferences ?? []).Where(o => ours.All(d => d.Uid != o.Uid)).ToList();
        owners.AddRange(ours);
        existing.OwnerReferences = owners;
    }

    private static Dictionary<string, string>? Union(IDictionary<string, string>? existing, IDictionary<string, string>? desired)
    {
        if (existing is null && desired is null)
        {
            return null;
        }

        var merged = new Dictionary<string, string>(existing ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in desired ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return merged;
    }
}
