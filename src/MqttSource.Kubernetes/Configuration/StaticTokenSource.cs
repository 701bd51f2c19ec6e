namespace MqttSource.Kubernetes.Configuration;

/// <summary>A token that never changes (kubeconfig <c>token</c>).</summary>
public sealed class StaticTokenSource(string token) : IBearerTokenSource
{
    /// <inheritdoc/>
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
}
