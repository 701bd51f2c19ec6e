namespace MqttSource.Kubernetes.Configuration;

/// <summary>The client configuration could not be built; the message says what was tried and what to do.</summary>
public sealed class KubernetesConfigurationException : Exception
{
    /// <inheritdoc/>
    public KubernetesConfigurationException()
    {
    }

    /// <inheritdoc/>
    public KubernetesConfigurationException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public KubernetesConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
