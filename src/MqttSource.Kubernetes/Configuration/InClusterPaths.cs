namespace MqttSource.Kubernetes.Configuration;

/// <summary>Where the service-account files of a pod are (injectable for tests).</summary>
public sealed class InClusterPaths
{
    /// <summary>The standard folder, <c>/var/run/secrets/kubernetes.io/serviceaccount</c>.</summary>
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Paths in <paramref name="directory"/>.</summary>
    public InClusterPaths(string directory = DefaultDirectory)
    {
        TokenPath = System.IO.Path.Combine(directory, "token");
        CaCertificatePath = System.IO.Path.Combine(directory, "ca.crt");
        NamespacePath = System.IO.Path.Combine(directory, "namespace");
    }

    /// <summary>The token file.</summary>
    public string TokenPath { get; init; }

    /// <summary>The cluster CA bundle.</summary>
    public string CaCertificatePath { get; init; }

    /// <summary>The pod's namespace.</summary>
    public string NamespacePath { get; init; }
}
