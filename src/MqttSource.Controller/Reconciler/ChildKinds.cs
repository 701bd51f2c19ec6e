using k8s;
using k8s.Models;

namespace MqttSource.Controller.Reconciler;

/// <summary>The child objects of an MqttSource on KubernetesClient's typed APIs: the adapter StatefulSet, its headless Service, the OIDC ServiceAccount.</summary>
internal static class ChildKinds
{
    /// <summary>StatefulSets.</summary>
    public static ChildKind<V1StatefulSet> StatefulSets(IKubernetes client) => new()
    {
        Kind = "StatefulSet",
        Read = (name, ns, ct) => client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: ct),
        Create = (set, ns, ct) => client.AppsV1.CreateNamespacedStatefulSetAsync(set, ns, cancellationToken: ct),
        Replace = (set, name, ns, ct) => client.AppsV1.ReplaceNamespacedStatefulSetAsync(set, name, ns, cancellationToken: ct),
        Drifted = Drift.StatefulSetDrifted,
        Merge = ChildMerge.StatefulSet,
    };

    /// <summary>Services.</summary>
    public static ChildKind<V1Service> Services(IKubernetes client) => new()
    {
        Kind = "Service",
        Read = (name, ns, ct) => client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct),
        Create = (service, ns, ct) => client.CoreV1.CreateNamespacedServiceAsync(service, ns, cancellationToken: ct),
        Replace = (service, name, ns, ct) => client.CoreV1.ReplaceNamespacedServiceAsync(service, name, ns, cancellationToken: ct),
        Drifted = Drift.ServiceDrifted,
        Merge = ChildMerge.Service,
    };

    /// <summary>ServiceAccounts.</summary>
    public static ChildKind<V1ServiceAccount> ServiceAccounts(IKubernetes client) => new()
    {
        Kind = "ServiceAccount",
        Read = (name, ns, ct) => client.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: ct),
        Create = (account, ns, ct) => client.CoreV1.CreateNamespacedServiceAccountAsync(account, ns, cancellationToken: ct),
        Replace = (account, name, ns, ct) => client.CoreV1.ReplaceNamespacedServiceAccountAsync(account, name, ns, cancellationToken: ct),
        Drifted = Drift.ServiceAccountDrifted,
        Merge = ChildMerge.ServiceAccount,
    };

    /// <summary>
    /// Creates <paramref name="desired"/> when missing, leaves an object another owner controls alone, and puts our fields
    /// back when they drifted. API failures throw.
    /// </summary>
    public static async Task<(ChildOutcome Outcome, T Object)> EnsureAsync<T>(ChildKind<T> kind, T desired, string ownerUid, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(desired);
        var name = desired.Metadata.Name;
        var ns = desired.Metadata.NamespaceProperty;
        T existing;
        try
        {
            existing = await kind.Read(name, ns, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Api.ApiErrors.IsNotFound(ex))
        {
            return (ChildOutcome.Created, await kind.Create(desired, ns, cancellationToken).ConfigureAwait(false));
        }

        if (existing.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == ownerUid) != true)
        {
            return (ChildOutcome.NotOwned, existing);
        }

        if (!kind.Drifted(desired, existing))
        {
            return (ChildOutcome.Unchanged, existing);
        }

        return (ChildOutcome.Updated, await kind.Replace(kind.Merge(existing, desired), name, ns, cancellationToken).ConfigureAwait(false));
    }
}
