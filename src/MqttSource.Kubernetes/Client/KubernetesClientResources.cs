using MqttSource.Kubernetes.Json;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Kubernetes.Client;

/// <summary>Typed clients for the built-in resources the models cover.</summary>
public static class KubernetesClientResources
{
    /// <summary><c>apps/v1</c> StatefulSets.</summary>
    public static ResourceClient<StatefulSet> StatefulSets(this KubernetesClient client) =>
        Of(client).Resource(ResourceDefinition.StatefulSets, KubernetesJsonContext.Default.StatefulSet, KubernetesJsonContext.Default.ResourceListStatefulSet);

    /// <summary><c>apps/v1</c> Deployments.</summary>
    public static ResourceClient<Deployment> Deployments(this KubernetesClient client) =>
        Of(client).Resource(ResourceDefinition.Deployments, KubernetesJsonContext.Default.Deployment, KubernetesJsonContext.Default.ResourceListDeployment);

    /// <summary><c>v1</c> Services.</summary>
    public static ResourceClient<Service> Services(this KubernetesClient client) =>
        Of(client).Resource(ResourceDefinition.Services, KubernetesJsonContext.Default.Service, KubernetesJsonContext.Default.ResourceListService);

    /// <summary><c>v1</c> Events.</summary>
    public static ResourceClient<CoreEvent> Events(this KubernetesClient client) =>
        Of(client).Resource(ResourceDefinition.Events, KubernetesJsonContext.Default.CoreEvent, KubernetesJsonContext.Default.ResourceListCoreEvent);

    /// <summary><c>coordination.k8s.io/v1</c> Leases.</summary>
    public static ResourceClient<Lease> Leases(this KubernetesClient client) =>
        Of(client).Resource(ResourceDefinition.Leases, KubernetesJsonContext.Default.Lease, KubernetesJsonContext.Default.ResourceListLease);

    /// <summary>Any resource as JSON (e.g. an Addressable named by a sink reference).</summary>
    public static ResourceClient<GenericObject> Generic(this KubernetesClient client, ResourceDefinition resource) =>
        Of(client).Resource(resource, KubernetesJsonContext.Default.GenericObject, KubernetesJsonContext.Default.ResourceListGenericObject);

    private static KubernetesClient Of(KubernetesClient client) => client ?? throw new ArgumentNullException(nameof(client));
}
