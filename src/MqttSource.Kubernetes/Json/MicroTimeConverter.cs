namespace MqttSource.Kubernetes.Json;

/// <summary><c>metav1.MicroTime</c>: written in UTC with microseconds, e.g. <c>2026-01-02T03:04:05.123456Z</c>.</summary>
public sealed class MicroTimeConverter() : Rfc3339TimeConverter("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");
