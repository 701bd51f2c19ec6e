using MqttSource.Kubernetes.Models;

namespace MqttSource.Kubernetes.Tests;

internal static class TestObjects
{
    public static StatefulSet StatefulSet(string name, string ns = "default", int replicas = 1, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels ?? new Dictionary<string, string> { ["app"] = name } },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = name,
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = "adapter", Image = "example/adapter:1" }] },
            },
        },
    };
}
