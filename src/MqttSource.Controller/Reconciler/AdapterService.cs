using k8s.Models;
using MqttSource.Controller.Resources;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// The headless Service that governs the adapter StatefulSet (its <c>serviceName</c>): stable DNS names
/// <c>&lt;pod&gt;.&lt;service&gt;.&lt;ns&gt;.svc</c> for the adapter pods, whose <c>:8080</c> serves probes and metrics. Owned by the
/// source, so it goes with it.
/// </summary>
internal static class AdapterService
{
    /// <summary>The desired Service of <paramref name="source"/>.</summary>
    public static V1Service Make(MqttSourceResource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = source.Metadata.Name ?? throw new ArgumentException("the source has no name", nameof(source));
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta
            {
                Name = ReceiveAdapter.NameFor(name),
                NamespaceProperty = source.Metadata.NamespaceProperty,
                Labels = ReceiveAdapter.Labels(name),
                OwnerReferences = [ReceiveAdapter.OwnerReference(source)],
            },
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                Selector = ReceiveAdapter.SelectorLabels(name),
                PublishNotReadyAddresses = true,
                Ports = [new V1ServicePort { Name = "http", Port = ReceiveAdapter.HttpPort, TargetPort = ReceiveAdapter.HttpPort, Protocol = "TCP" }],
            },
        };
    }
}
