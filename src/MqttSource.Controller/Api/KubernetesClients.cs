using k8s;
using k8s.Exceptions;

namespace MqttSource.Controller.Api;

/// <summary>
/// Where the controller's API server and credentials come from, as kubectl and client-go look: the files in
/// <c>KUBECONFIG</c> (merged, first wins), else <c>~/.kube/config</c>, else the in-cluster service account. KubernetesClient
/// reads them, exec credential plugins and token refresh included; unlike its <c>BuildDefaultConfig</c>, finding none
/// is an error here rather than a silent <c>http://localhost:8080</c>.
/// </summary>
internal static class KubernetesClients
{
    /// <summary>The configuration, or a <see cref="KubeConfigException"/> that says what was looked for and what is wrong.</summary>
    public static KubernetesClientConfiguration LoadConfiguration(Func<string, string?> env, string? home)
    {
        ArgumentNullException.ThrowIfNull(env);
        var explicitFiles = env("KUBECONFIG");
        var defaultFile = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".kube", "config");
        try
        {
            if (!string.IsNullOrWhiteSpace(explicitFiles))
            {
                var files = explicitFiles.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(f => new FileInfo(f.Trim('"')))
                    .Where(f => f.Exists)
                    .ToArray();
                if (files.Length == 0)
                {
                    throw new KubeConfigException($"KUBECONFIG names no file that exists ({explicitFiles})");
                }

                // One file: read it; a list: KubernetesClient merges the process's KUBECONFIG as kubectl does (first wins).
                return WithJson(files.Length == 1
                    ? KubernetesClientConfiguration.BuildConfigFromConfigFile(files[0])
                    : KubernetesClientConfiguration.BuildDefaultConfig());
            }

            if (defaultFile is not null && File.Exists(defaultFile))
            {
                return WithJson(KubernetesClientConfiguration.BuildConfigFromConfigFile(defaultFile));
            }

            if (KubernetesClientConfiguration.IsInCluster())
            {
                return WithJson(KubernetesClientConfiguration.InClusterConfig());
            }
        }
        catch (Exception ex) when (ex is not KubeConfigException and (IOException or UnauthorizedAccessException or FormatException or ArgumentException or YamlDotNet.Core.YamlException))
        {
            throw new KubeConfigException("cannot read the Kubernetes configuration: " + ex.Message, ex);
        }

        throw new KubeConfigException(
            "no Kubernetes configuration: set KUBECONFIG, create ~/.kube/config, or run in a pod with a service account token "
            + "(KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT and /var/run/secrets/kubernetes.io/serviceaccount)");
    }

    /// <summary>A client for <paramref name="configuration"/>, reading and writing our types too.</summary>
    public static Kubernetes Create(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new Kubernetes(WithJson(configuration));
    }

    private static KubernetesClientConfiguration WithJson(KubernetesClientConfiguration configuration)
    {
        ControllerJson.Register(configuration);
        return configuration;
    }
}
