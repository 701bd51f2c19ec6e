namespace MqttSource.Kubernetes.Configuration;

/// <summary>Gives the bearer token to send with each request (null: none).</summary>
public interface IBearerTokenSource
{
    /// <summary>The current token.</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}
