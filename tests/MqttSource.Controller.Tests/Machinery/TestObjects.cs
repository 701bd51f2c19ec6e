using k8s.Models;

namespace MqttSource.Controller.Tests.Machinery;

internal static class TestObjects
{
    public static V1StatefulSet StatefulSet(string name, string ns = "default", int replicas = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = name, ["test"] = "informer" } },
        Spec = new V1StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = name,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "adapter", Image = "example/adapter:1" }] },
            },
        },
    };
}
