using MqttSource.Kubernetes.Configuration;
using MqttSource.Testing.Time;
using MqttSource.Testing.Tls;
using Xunit;

namespace MqttSource.Kubernetes.Tests.Configuration;

public sealed class KubeconfigTests : IDisposable
{
    private static readonly TestCertificates Certs = TestCertificates.Shared;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Config(string cluster, string user, string currentContext = "current-context: main", string extraContexts = "") => $"""
        apiVersion: v1
        kind: Config
        {currentContext}
        clusters:
        - name: c1
          cluster:
        {Indent(cluster, 4)}
        users:
        - name: u1
          user:
        {Indent(user, 4)}
        contexts:
        - name: main
          context:
            cluster: c1
            user: u1
            namespace: team-a
        {extraContexts}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(l => new string(' ', spaces) + l));

    [Fact]
    public async Task Load_TokenAndCaData_ServerNamespaceTrustAndToken()
    {
        var path = _dir.Write("config", Config(
            $"server: https://10.0.0.1:6443\ncertificate-authority-data: {TempDirectory.Base64(TempDirectory.CertificatePem(Certs.Ca))}",
            "token: abc.def"));

        var config = KubernetesClientConfiguration.FromKubeconfig(path);

        Assert.Equal(new Uri("https://10.0.0.1:6443"), config.Server);
        Assert.Equal("team-a", config.Namespace);
        Assert.Equal(Certs.Ca.Thumbprint, Assert.Single(config.CertificateAuthorities!).Thumbprint);
        Assert.False(config.SkipTlsVerify);
        Assert.Null(config.ClientCertificate);
        Assert.Equal("abc.def", await config.TokenSource!.GetTokenAsync(default));
        Assert.Contains("context main", config.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CaFileAndClientCertificateFiles_RelativeToTheKubeconfig()
    {
        _dir.Write("certs/ca.crt", TempDirectory.CertificatePem(Certs.Ca));
        _dir.Write("certs/client.crt", TempDirectory.CertificatePem(Certs.Client));
        _dir.Write("certs/client.key", TempDirectory.KeyPem(Certs.Client));
        var path = _dir.Write("kube/config", Config(
            "server: https://k8s.example:443\ncertificate-authority: ../certs/ca.crt",
            "client-certificate: ../certs/client.crt\nclient-key: ../certs/client.key"));

        var config = KubernetesClientConfiguration.FromKubeconfig(path);

        Assert.Equal(Certs.Ca.Thumbprint, Assert.Single(config.CertificateAuthorities!).Thumbprint);
        Assert.Equal(Certs.Client.Thumbprint, config.ClientCertificate!.Thumbprint);
        Assert.True(config.ClientCertificate.HasPrivateKey);
        Assert.Null(config.TokenSource);
    }

    [Fact]
    public void Load_ClientCertificateData_HasPrivateKey()
    {
        var path = _dir.Write("config", Config(
            "server: https://k8s.example:443",
            $"client-certificate-data: {TempDirectory.Base64(TempDirectory.CertificatePem(Certs.Client))}\nclient-key-data: {TempDirectory.Base64(TempDirectory.KeyPem(Certs.Client))}"));

        var config = KubernetesClientConfiguration.FromKubeconfig(path);

        Assert.Equal(Certs.Client.Thumbprint, config.ClientCertificate!.Thumbprint);
        Assert.True(config.ClientCertificate.HasPrivateKey);
    }

    [Fact]
    public void Load_InsecureSkipTlsVerify_NoCa()
    {
        var path = _dir.Write("config", Config("server: https://k8s.example:443\ninsecure-skip-tls-verify: true", "token: t"));

        var config = KubernetesClientConfiguration.FromKubeconfig(path);

        Assert.True(config.SkipTlsVerify);
        Assert.Null(config.CertificateAuthorities);
    }

    [Fact]
    public async Task Load_TokenFile_IsReadAgainAfterTheRefreshInterval()
    {
        var tokenPath = _dir.Write("token", "first\n");
        var path = _dir.Write("config", Config("server: https://k8s.example:443", "tokenFile: token"));
        var time = new ManualTimeProvider();

        var config = KubernetesClientConfiguration.FromKubeconfigFiles([path], timeProvider: time);
        Assert.Equal("first", await config.TokenSource!.GetTokenAsync(default));
        File.WriteAllText(tokenPath, "second");

        Assert.Equal("first", await config.TokenSource.GetTokenAsync(default));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("second", await config.TokenSource.GetTokenAsync(default));
    }

    [Fact]
    public void Load_AnonymousUserlessContext_NoCredentials()
    {
        var path = _dir.Write("config", """
            current-context: anon
            clusters:
            - name: c
              cluster:
                server: http://127.0.0.1:8080
            contexts:
            - name: anon
              context:
                cluster: c
            """);

        var config = KubernetesClientConfiguration.FromKubeconfig(path);

        Assert.Equal(new Uri("http://127.0.0.1:8080"), config.Server);
        Assert.Null(config.TokenSource);
        Assert.Null(config.Namespace);
    }

    [Theory]
    [InlineData("exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: aws", "exec")]
    [InlineData("auth-provider:\n  name: gcp", "auth-provider")]
    [InlineData("username: admin\npassword: secret", "username and password")]
    public void Load_UnsupportedAuth_ErrorNamesTheUserAndTheKind(string user, string kind)
    {
        var path = _dir.Write("config", Config("server: https://k8s.example:443", user));

        var error = Assert.Throws<KubernetesConfigurationException>(() => KubernetesClientConfiguration.FromKubeconfig(path));

        Assert.Contains("user 'u1'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"authenticates with {kind}", error.Message, StringComparison.Ordinal);
        Assert.Contains("not support", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no current-context")]
    [InlineData("current-context: elsewhere", "context 'elsewhere' is not defined")]
    public void Load_ContextProblems_ClearErrors(string currentContext, string expected)
    {
        var path = _dir.Write("config", Config("server: https://k8s.example:443", "token: t", currentContext));

        var error = Assert.Throws<KubernetesConfigurationException>(() => KubernetesClientConfiguration.FromKubeconfig(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExplicitContext_OverridesCurrentContext()
    {
        var path = _dir.Write("config", Config(
            "server: https://k8s.example:443",
            "token: t",
            extraContexts: "- name: other\n  context:\n    cluster: c1\n    user: u1\n    namespace: team-b"));

        var config = KubernetesClientConfiguration.FromKubeconfig(path, context: "other");

        Assert.Equal("team-b", config.Namespace);
    }

    [Theory]
    [InlineData("server: https://k8s.example:443", "client-certificate-data: bm90IGEgY2VydA==", "not both")]
    [InlineData("server: https://k8s.example:443\ncertificate-authority-data: '%%%'", "token: t", "not base64")]
    [InlineData("server: https://k8s.example:443\ncertificate-authority: missing.crt", "token: t", "cannot read certificate-authority")]
    [InlineData("server: not a url", "token: t", "no valid server URL")]
    [InlineData("server: https://k8s.example:443\ninsecure-skip-tls-verify: maybe", "token: t", "must be true or false")]
    public void Load_BadEntries_ClearErrors(string cluster, string user, string expected)
    {
        var path = _dir.Write("config", Config(cluster, user));

        var error = Assert.Throws<KubernetesConfigurationException>(() => KubernetesClientConfiguration.FromKubeconfig(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYaml_SaysWhere()
    {
        var path = _dir.Write("config", "clusters: [\n  - name: x\n bad");

        var error = Assert.Throws<KubernetesConfigurationException>(() => KubernetesClientConfiguration.FromKubeconfig(path));

        Assert.Contains("not valid YAML at line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadFiles_KubeconfigList_MergedFirstDefinitionWins()
    {
        var first = _dir.Write("a/config", """
            current-context: ctx
            users:
            - name: u1
              user:
                token: from-first
            """);
        var second = _dir.Write("b/config", """
            current-context: ignored
            clusters:
            - name: c1
              cluster:
                server: https://second:443
                certificate-authority: ca.crt
            users:
            - name: u1
              user:
                token: from-second
            contexts:
            - name: ctx
              context:
                cluster: c1
                user: u1
            """);
        _dir.Write("b/ca.crt", TempDirectory.CertificatePem(Certs.Ca));

        var config = KubernetesClientConfiguration.FromKubeconfigFiles([Path.Combine(_dir.Path, "missing"), first, second]);

        Assert.Equal(new Uri("https://second:443"), config.Server);
        Assert.Equal("from-first", await config.TokenSource!.GetTokenAsync(default));
        Assert.NotNull(config.CertificateAuthorities);
    }

    [Fact]
    public void BuildDefault_KubeconfigVariable_WinsOverHomeAndInCluster()
    {
        var path = _dir.Write("env-config", Config("server: https://from-env:443", "token: t"));
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = $"{Path.Combine(_dir.Path, "nope")}:{path}", ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var config = KubernetesClientConfiguration.BuildDefault(env.GetValueOrDefault, homeDirectory: _dir.Path);

        Assert.Equal("from-env", config.Server.Host);
    }

    [Fact]
    public void BuildDefault_NoVariable_UsesHomeKubeConfig()
    {
        _dir.Write(".kube/config", Config("server: https://from-home:443", "token: t"));

        var config = KubernetesClientConfiguration.BuildDefault(_ => null, homeDirectory: _dir.Path);

        Assert.Equal("from-home", config.Server.Host);
    }

    [Fact]
    public void BuildDefault_NothingFound_ErrorListsWhatWasTried()
    {
        var error = Assert.Throws<KubernetesConfigurationException>(() =>
            KubernetesClientConfiguration.BuildDefault(_ => null, homeDirectory: _dir.Path, inClusterPaths: new InClusterPaths(_dir.Path)));

        Assert.Contains(Path.Combine(_dir.Path, ".kube", "config"), error.Message, StringComparison.Ordinal);
        Assert.Contains("in-cluster", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildDefault_BrokenKubeconfig_IsAnErrorNotAFallThrough()
    {
        _dir.Write(".kube/config", Config("server: https://k8s.example:443", "exec:\n  command: x"));

        Assert.Throws<KubernetesConfigurationException>(() => KubernetesClientConfiguration.BuildDefault(_ => null, homeDirectory: _dir.Path));
    }
}
