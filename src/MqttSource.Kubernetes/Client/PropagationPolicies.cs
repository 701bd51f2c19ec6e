namespace MqttSource.Kubernetes.Client;

/// <summary>Values of <see cref="DeleteOptions.PropagationPolicy"/>.</summary>
public static class PropagationPolicies
{
    /// <summary>Dependents are deleted by the garbage collector after the owner.</summary>
    public const string Background = "Background";

    /// <summary>The owner stays (with a deletionTimestamp) until its dependents are gone.</summary>
    public const string Foreground = "Foreground";

    /// <summary>Dependents are kept, their owner references removed.</summary>
    public const string Orphan = "Orphan";
}
