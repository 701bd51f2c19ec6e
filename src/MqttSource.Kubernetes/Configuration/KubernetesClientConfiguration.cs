using System.Security.Cryptography.X509Certificates;

namespace MqttSource.Kubernetes.Configuration;

/// <summary>
/// How to reach and authenticate to the API server: from a kubeconfig (<c>KUBECONFIG</c> or <c>~/.kube/config</c>)
/// or from the pod's service account (in-cluster). <see cref="BuildDefault"/> tries them in that order.
/// </summary>
public sealed class KubernetesClientConfiguration
{
    /// <summary>The environment variable with the kubeconfig path(s).</summary>
    public const string KubeconfigVariable = "KUBECONFIG";

    /// <summary>How often the in-cluster token file is read again (the kubelet rotates projected tokens).</summary>
    public static readonly TimeSpan InClusterTokenRefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>The API server, e.g. <c>https://10.0.0.1:443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>The default namespace: the context's, or the pod's in-cluster; null when unset.</summary>
    public string? Namespace { get; init; }

    /// <summary>CAs to trust for the server certificate instead of the system store; null: the system store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Accept any server certificate (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>Client certificate with its private key, for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Where the bearer token comes from; null: none.</summary>
    public IBearerTokenSource? TokenSource { get; init; }

    /// <summary>Where this configuration came from, for logs and errors (e.g. <c>kubeconfig /root/.kube/config, context kind</c>).</summary>
    public string Source { get; init; } = "explicit";

    /// <summary>Reads the kubeconfig at <paramref name="path"/>, using <paramref name="context"/> or its current-context.</summary>
    public static KubernetesClientConfiguration FromKubeconfig(string path, string? context = null) =>
        FromKubeconfigFiles([path], context);

    /// <summary>
    /// Reads and merges several kubeconfig files as kubectl does for a <c>KUBECONFIG</c> list: the first file that
    /// defines a cluster, user or context name wins, and the first non-empty <c>current-context</c> is used.
    /// Relative paths are resolved against the file that names them. Files that do not exist are skipped.
    /// </summary>
    public static KubernetesClientConfiguration FromKubeconfigFiles(IReadOnlyList<string> paths, string? context = null, TimeProvider? timeProvider = null) =>
        KubeconfigLoader.Load(paths, context, timeProvider ?? TimeProvider.System);

    /// <summary>
    /// The pod's service account: <c>KUBERNETES_SERVICE_HOST</c>/<c>KUBERNETES_SERVICE_PORT</c>, the CA, the namespace,
    /// and the token read again every <see cref="InClusterTokenRefreshInterval"/>.
    /// </summary>
    public static KubernetesClientConfiguration InCluster(
        InClusterPaths? paths = null,
        Func<string, string?>? environment = null,
        TimeProvider? timeProvider = null) =>
        InClusterLoader.Load(paths ?? new InClusterPaths(), environment ?? Environment.GetEnvironmentVariable, timeProvider ?? TimeProvider.System)
        ?? throw new KubernetesConfigurationException("not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not both set");

    /// <summary>
    /// <c>KUBECONFIG</c> (its files merged), else <c>~/.kube/config</c>, else in-cluster. A kubeconfig that exists but
    /// is wrong is an error (no fall-through); when nothing is found the error lists everything tried.
    /// </summary>
    public static KubernetesClientConfiguration BuildDefault(
        Func<string, string?>? environment = null,
        string? homeDirectory = null,
        InClusterPaths? inClusterPaths = null,
        TimeProvider? timeProvider = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        var time = timeProvider ?? TimeProvider.System;
        var tried = new List<string>();

        var list = env(KubeconfigVariable);
        if (!string.IsNullOrWhiteSpace(list))
        {
            var files = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (files.Any(File.Exists))
            {
                return FromKubeconfigFiles(files, context: null, time);
            }

            tried.Add($"KUBECONFIG={list} (no such file)");
        }
        else
        {
            var home = homeDirectory ?? env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var path = Path.Combine(home, ".kube", "config");
            if (File.Exists(path))
            {
                return FromKubeconfigFiles([path], context: null, time);
            }

            tried.Add($"{path} (no such file)");
        }

        var paths = inClusterPaths ?? new InClusterPaths();
        var inCluster = InClusterLoader.Load(paths, env, time);
        if (inCluster is not null)
        {
            return inCluster;
        }

        tried.Add("in-cluster (KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT not set)");
        throw new KubernetesConfigurationException(
            $"no Kubernetes configuration found; tried: {string.Join("; ", tried)}. Set KUBECONFIG or run in a pod with a service account.");
    }
}
