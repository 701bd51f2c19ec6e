using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MqttSource.Kubernetes.Configuration;

/// <summary>Builds the in-cluster configuration from the service environment and the service-account files.</summary>
internal static class InClusterLoader
{
    /// <summary>The configuration, or null when the service environment variables are not set.</summary>
    public static KubernetesClientConfiguration? Load(InClusterPaths paths, Func<string, string?> env, TimeProvider time)
    {
        var host = env("KUBERNETES_SERVICE_HOST");
        var port = env("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(port))
        {
            return null;
        }

        if (!File.Exists(paths.TokenPath))
        {
            throw new KubernetesConfigurationException(
                $"in-cluster: the service-account token {paths.TokenPath} does not exist (is automountServiceAccountToken false?)");
        }

        X509Certificate2Collection cas = [];
        try
        {
            cas.ImportFromPemFile(paths.CaCertificatePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new KubernetesConfigurationException($"in-cluster: cannot read the CA bundle {paths.CaCertificatePath}: {ex.Message}", ex);
        }

        var hostPart = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        var ns = File.Exists(paths.NamespacePath) ? File.ReadAllText(paths.NamespacePath).Trim() : null;
        var tokens = new FileTokenSource(paths.TokenPath, KubernetesClientConfiguration.InClusterTokenRefreshInterval, time);
        return new KubernetesClientConfiguration
        {
            Server = new Uri($"https://{hostPart}:{port}"),
            Namespace = string.IsNullOrEmpty(ns) ? null : ns,
            CertificateAuthorities = cas,
            TokenSource = tokens,
            Source = $"in-cluster service account ({paths.TokenPath})",
        };
    }
}
