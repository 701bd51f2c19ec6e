namespace MqttSource.Kubernetes.Json;

/// <summary><c>metav1.Time</c>: written in UTC to the second, e.g. <c>2026-01-02T03:04:05Z</c>.</summary>
public sealed class KubernetesTimeConverter() : Rfc3339TimeConverter("yyyy-MM-dd'T'HH:mm:ss'Z'");
