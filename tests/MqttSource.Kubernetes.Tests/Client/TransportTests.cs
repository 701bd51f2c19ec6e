using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.Configuration;
using MqttSource.Kubernetes.Tests.Configuration;
using MqttSource.Testing.Kubernetes;
using MqttSource.Testing.Time;
using MqttSource.Testing.Tls;
using Xunit;

namespace MqttSource.Kubernetes.Tests.Client;

/// <summary>The client built from a configuration (TLS trust, client certificate, bearer token) against an HTTPS fake server.</summary>
public sealed class TransportTests : IAsyncLifetime
{
    private static readonly TestCertificates Certs = TestCertificates.Shared;
    private readonly TempDirectory _dir = new();
    private FakeApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeApiServer.StartAsync(new FakeApiServerOptions { ServerCertificate = Certs.Server, AskForClientCertificate = true });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private static CancellationToken Soon() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private string Kubeconfig(string clusterExtra, string user) => _dir.Write("config", $"""
        current-context: test
        clusters:
        - name: fake
          cluster:
            server: {_server.BaseAddress.AbsoluteUri.TrimEnd('/')}
            {clusterExtra}
        users:
        - name: tester
          user:
        {string.Join('\n', user.Split('\n').Select(l => "    " + l))}
        contexts:
        - name: test
          context:
            cluster: fake
            user: tester
            namespace: default
        """);

    [Fact]
    public async Task Kubeconfig_CaAndClientCertificate_MutualTlsWorks()
    {
        var path = Kubeconfig(
            $"certificate-authority-data: {TempDirectory.Base64(TempDirectory.CertificatePem(Certs.Ca))}",
            $"client-certificate-data: {TempDirectory.Base64(TempDirectory.CertificatePem(Certs.Client))}\nclient-key-data: {TempDirectory.Base64(TempDirectory.KeyPem(Certs.Client))}");
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeconfig(path));

        var list = await client.StatefulSets().ListAsync("default", cancellationToken: Soon());

        Assert.Empty(list.Items);
        var request = Assert.Single(_server.Requests);
        Assert.Contains("CN=mqttsource-test-client", request.ClientCertificateSubject, StringComparison.Ordinal);
        Assert.Null(request.Authorization);
        Assert.Equal("default", client.DefaultNamespace);
    }

    [Fact]
    public async Task Kubeconfig_Token_SentAsBearer()
    {
        _server.RequiredBearerToken = "secret-token";
        var path = Kubeconfig($"certificate-authority-data: {TempDirectory.Base64(TempDirectory.CertificatePem(Certs.Ca))}", "token: secret-token");
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeconfig(path));

        await client.Services().ListAsync("default", cancellationToken: Soon());

        Assert.Equal("Bearer secret-token", Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task Kubeconfig_WrongToken_UnauthorizedStatus()
    {
        _server.RequiredBearerToken = "secret-token";
        var path = Kubeconfig($"certificate-authority-data: {TempDirectory.Base64(TempDirectory.CertificatePem(Certs.Ca))}", "token: wrong");
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeconfig(path));

        var error = await Assert.ThrowsAsync<ApiException>(() => client.Services().ListAsync("default", cancellationToken: Soon()));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("Unauthorized", error.Reason);
    }

    [Fact]
    public async Task Kubeconfig_UntrustedCa_TlsFails()
    {
        var path = Kubeconfig($"certificate-authority-data: {TempDirectory.Base64(TempDirectory.CertificatePem(Certs.UntrustedCa))}", "token: t");
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeconfig(path));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.Services().ListAsync("default", cancellationToken: Soon()));
    }

    [Fact]
    public async Task Kubeconfig_InsecureSkipTlsVerify_AcceptsAnyServerCertificate()
    {
        var path = Kubeconfig("insecure-skip-tls-verify: true", "token: t");
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeconfig(path));

        var list = await client.Services().ListAsync("default", cancellationToken: Soon());

        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task InCluster_RotatedToken_UsedOnceReadAgain()
    {
        var sa = Path.Combine(_dir.Path, "sa");
        _dir.Write("sa/token", "t1");
        _dir.Write("sa/ca.crt", TempDirectory.CertificatePem(Certs.Ca));
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = _server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var time = new ManualTimeProvider();
        using var client = new KubernetesClient(KubernetesClientConfiguration.InCluster(new InClusterPaths(sa), env.GetValueOrDefault, time));
        _server.RequiredBearerToken = "t1";
        await client.Services().ListAsync("default", cancellationToken: Soon());

        _dir.Write("sa/token", "t2");
        _server.RequiredBearerToken = "t2";
        var stale = await Assert.ThrowsAsync<ApiException>(() => client.Services().ListAsync("default", cancellationToken: Soon()));
        time.Advance(TimeSpan.FromMinutes(1));
        await client.Services().ListAsync("default", cancellationToken: Soon());

        Assert.Equal(401, stale.StatusCode);
        Assert.Equal(["Bearer t1", "Bearer t1", "Bearer t2"], _server.Requests.Select(r => r.Authorization));
    }
}
