namespace MqttSource.Kubernetes.Models;

/// <summary>A Kubernetes object: <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>.</summary>
public interface IKubernetesObject
{
    /// <summary><c>apiVersion</c>, e.g. <c>apps/v1</c>.</summary>
    string? ApiVersion { get; set; }

    /// <summary><c>kind</c>, e.g. <c>StatefulSet</c>.</summary>
    string? Kind { get; set; }

    /// <summary><c>metadata</c>.</summary>
    ObjectMeta Metadata { get; set; }
}
