namespace MqttSource.Testing.Kubernetes;

/// <summary>A resource of the fake API server: API group (empty for core) and plural name. Versions are views of the same objects.</summary>
/// <param name="Group">API group, empty for the core group.</param>
/// <param name="Plural">Resource name, e.g. <c>statefulsets</c>.</param>
public sealed record ResourceKey(string Group, string Plural);
