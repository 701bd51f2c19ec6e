namespace MqttSource.Testing.Kubernetes;

/// <summary>The next <see cref="Remaining"/> requests matching method and path get <see cref="StatusCode"/>.</summary>
internal sealed class InjectedFault(int statusCode, int count, string? method, string? pathContains)
{
    public int StatusCode { get; } = statusCode;

    public int Remaining { get; set; } = count;

    public bool Matches(string requestMethod, string path) =>
        Remaining > 0
        && (method is null || string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
        && (pathContains is null || path.Contains(pathContains, StringComparison.Ordinal));
}
