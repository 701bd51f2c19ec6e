using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MqttSource.Kubernetes.Configuration;

/// <summary>Reads kubeconfig files with YamlDotNet's representation model (no reflection) and merges them like kubectl.</summary>
internal static class KubeconfigLoader
{
    private static readonly string[] UnsupportedAuth = ["exec", "auth-provider", "username", "password"];

    public static KubernetesClientConfiguration Load(IReadOnlyList<string> paths, string? contextName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var clusters = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var users = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, Entry>(StringComparer.Ordinal);
        string? currentContext = null;
        var read = new List<string>();

        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            var full = Path.GetFullPath(path);
            read.Add(full);
            var root = Parse(full);
            if (root is null)
            {
                continue;
            }

            currentContext ??= NullIfEmpty(Scalar(root, "current-context"));
            Collect(root, "clusters", "cluster", full, clusters);
            Collect(root, "users", "user", full, users);
            Collect(root, "contexts", "context", full, contexts);
        }

        var files = read.Count == 0 ? string.Join(", ", paths) : string.Join(", ", read);
        if (read.Count == 0)
        {
            throw new KubernetesConfigurationException($"kubeconfig {files}: no such file");
        }

        var name = contextName ?? currentContext
            ?? throw new KubernetesConfigurationException($"kubeconfig {files}: no current-context is set; run 'kubectl config use-context NAME'");
        if (!contexts.TryGetValue(name, out var context))
        {
            throw new KubernetesConfigurationException($"kubeconfig {files}: context '{name}' is not defined");
        }

        var clusterName = Scalar(context.Body, "cluster")
            ?? throw new KubernetesConfigurationException($"kubeconfig {context.File}: context '{name}' names no cluster");
        if (!clusters.TryGetValue(clusterName, out var cluster))
        {
            throw new KubernetesConfigurationException($"kubeconfig {files}: cluster '{clusterName}' (of context '{name}') is not defined");
        }

        var server = Scalar(cluster.Body, "server");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri) || serverUri.Scheme is not ("https" or "http"))
        {
            throw new KubernetesConfigurationException($"kubeconfig {cluster.File}: cluster '{clusterName}' has no valid server URL (got '{server}')");
        }

        var userName = Scalar(context.Body, "user");
        Entry? user = null;
        if (userName is not null && !users.TryGetValue(userName, out user))
        {
            throw new KubernetesConfigurationException($"kubeconfig {files}: user '{userName}' (of context '{name}') is not defined");
        }

        var (certificate, tokens) = user is null ? (null, null) : ReadUser(userName!, user, time);
        return new KubernetesClientConfiguration
        {
            Server = serverUri,
            Namespace = NullIfEmpty(Scalar(context.Body, "namespace")),
            CertificateAuthorities = ReadCertificateAuthorities(clusterName, cluster),
            SkipTlsVerify = Bool(cluster, "insecure-skip-tls-verify"),
            ClientCertificate = certificate,
            TokenSource = tokens,
            Source = $"kubeconfig {files}, context {name}",
        };
    }

    private static YamlMappingNode? Parse(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new KubernetesConfigurationException(
                $"kubeconfig {path}: not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new KubernetesConfigurationException($"kubeconfig {path}: the document is not a mapping");
    }

    private static void Collect(YamlMappingNode root, string listKey, string bodyKey, string file, Dictionary<string, Entry> into)
    {
        if (Child(root, listKey) is not YamlSequenceNode list)
        {
            return;
        }

        foreach (var item in list.Children.OfType<YamlMappingNode>())
        {
            var name = Scalar(item, "name");
            if (name is null || into.ContainsKey(name))
            {
                continue; // first definition wins, as in kubectl
            }

            into[name] = new Entry(file, Child(item, bodyKey) as YamlMappingNode ?? new YamlMappingNode());
        }
    }

    private static X509Certificate2Collection? ReadCertificateAuthorities(string clusterName, Entry cluster)
    {
        var pem = ReadPem(cluster, "certificate-authority-data", "certificate-authority", $"cluster '{clusterName}'");
        if (pem is null)
        {
            return null;
        }

        X509Certificate2Collection cas = [];
        try
        {
            cas.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new KubernetesConfigurationException($"kubeconfig {cluster.File}: cluster '{clusterName}': the certificate authority is not a PEM certificate: {ex.Message}", ex);
        }

        return cas.Count == 0
            ? throw new KubernetesConfigurationException($"kubeconfig {cluster.File}: cluster '{clusterName}': the certificate authority holds no PEM certificate")
            : cas;
    }

    private static (X509Certificate2? Certificate, IBearerTokenSource? Tokens) ReadUser(string userName, Entry user, TimeProvider time)
    {
        var unsupported = UnsupportedAuth.Where(key => Child(user.Body, key) is not null).ToList();
        if (unsupported.Count > 0)
        {
            throw new KubernetesConfigurationException(
                $"kubeconfig {user.File}: user '{userName}' authenticates with {string.Join(" and ", unsupported)}, which this client does not support; "
                + "use token, tokenFile or client-certificate/client-key (e.g. a service-account token).");
        }

        IBearerTokenSource? tokens = null;
        if (NullIfEmpty(Scalar(user.Body, "token")) is { } token)
        {
            tokens = new StaticTokenSource(token);
        }
        else if (NullIfEmpty(Scalar(user.Body, "tokenFile")) is { } tokenFile)
        {
            tokens = new FileTokenSource(Resolve(user.File, tokenFile), KubernetesClientConfiguration.InClusterTokenRefreshInterval, time);
        }

        var what = $"user '{userName}'";
        var certPem = ReadPem(user, "client-certificate-data", "client-certificate", what);
        var keyPem = ReadPem(user, "client-key-data", "client-key", what);
        if ((certPem is null) != (keyPem is null))
        {
            throw new KubernetesConfigurationException($"kubeconfig {user.File}: {what} has a client certificate or a client key but not both");
        }

        X509Certificate2? certificate = null;
        if (certPem is not null)
        {
            try
            {
                certificate = X509Certificate2.CreateFromPem(certPem, keyPem);
            }
            catch (CryptographicException ex)
            {
                throw new KubernetesConfigurationException($"kubeconfig {user.File}: {what}: cannot read the client certificate and key: {ex.Message}", ex);
            }
        }

        return (certificate, tokens);
    }

    private static string? ReadPem(Entry entry, string dataKey, string fileKey, string what)
    {
        if (NullIfEmpty(Scalar(entry.Body, dataKey)) is { } data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException ex)
            {
                throw new KubernetesConfigurationException($"kubeconfig {entry.File}: {what}: {dataKey} is not base64", ex);
            }
        }

        if (NullIfEmpty(Scalar(entry.Body, fileKey)) is { } file)
        {
            var path = Resolve(entry.File, file);
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KubernetesConfigurationException($"kubeconfig {entry.File}: {what}: cannot read {fileKey} {path}: {ex.Message}", ex);
            }
        }

        return null;
    }

    private static string Resolve(string kubeconfigFile, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(kubeconfigFile)!, path));

    private static bool Bool(Entry entry, string key)
    {
        var text = Scalar(entry.Body, key);
        if (text is null)
        {
            return false;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new KubernetesConfigurationException($"kubeconfig {entry.File}: {key} must be true or false, got '{text}'");
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => Child(map, key) switch
    {
        YamlScalarNode { Value: var value } scalar when !(scalar.Style == ScalarStyle.Plain && value is "~" or "null") => value,
        _ => null,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record Entry(string File, YamlMappingNode Body);
}
