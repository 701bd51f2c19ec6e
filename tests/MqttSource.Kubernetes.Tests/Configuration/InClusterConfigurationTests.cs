using MqttSource.Kubernetes.Configuration;
using MqttSource.Testing.Time;
using MqttSource.Testing.Tls;
using Xunit;

namespace MqttSource.Kubernetes.Tests.Configuration;

public sealed class InClusterConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public InClusterConfigurationTests()
    {
        _dir.Write("sa/token", "token-1\n");
        _dir.Write("sa/ca.crt", TempDirectory.CertificatePem(TestCertificates.Shared.Ca));
        _dir.Write("sa/namespace", "knative-sources");
    }

    public void Dispose() => _dir.Dispose();

    private InClusterPaths Paths => new(Path.Combine(_dir.Path, "sa"));

    private static Func<string, string?> Env(string host, string port = "443") =>
        new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = host, ["KUBERNETES_SERVICE_PORT"] = port }.GetValueOrDefault;

    [Fact]
    public async Task InCluster_ServiceAccountFiles_ServerCaNamespaceToken()
    {
        var config = KubernetesClientConfiguration.InCluster(Paths, Env("10.96.0.1"));

        Assert.Equal(new Uri("https://10.96.0.1:443"), config.Server);
        Assert.Equal("knative-sources", config.Namespace);
        Assert.Equal(TestCertificates.Shared.Ca.Thumbprint, Assert.Single(config.CertificateAuthorities!).Thumbprint);
        Assert.Equal("token-1", await config.TokenSource!.GetTokenAsync(default));
    }

    [Fact]
    public void InCluster_Ipv6Host_IsBracketed()
    {
        var config = KubernetesClientConfiguration.InCluster(Paths, Env("fd00::1", "6443"));

        Assert.Equal("https://[fd00::1]:6443/", config.Server.AbsoluteUri);
    }

    [Fact]
    public async Task InCluster_RotatedToken_IsPickedUpAfterAMinute()
    {
        var time = new ManualTimeProvider();
        var config = KubernetesClientConfiguration.InCluster(Paths, Env("10.96.0.1"), time);
        Assert.Equal("token-1", await config.TokenSource!.GetTokenAsync(default));

        _dir.Write("sa/token", "token-2");
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("token-1", await config.TokenSource.GetTokenAsync(default));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await config.TokenSource.GetTokenAsync(default));

        File.Delete(Path.Combine(_dir.Path, "sa", "token"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("token-2", await config.TokenSource.GetTokenAsync(default)); // a failed re-read keeps the last token
    }

    [Fact]
    public void InCluster_NoServiceEnvironment_Throws()
    {
        var error = Assert.Throws<KubernetesConfigurationException>(() => KubernetesClientConfiguration.InCluster(Paths, _ => null));

        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InCluster_NoTokenFile_SaysWhichFile()
    {
        File.Delete(Path.Combine(_dir.Path, "sa", "token"));

        var error = Assert.Throws<KubernetesConfigurationException>(() => KubernetesClientConfiguration.InCluster(Paths, Env("10.96.0.1")));

        Assert.Contains(Paths.TokenPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildDefault_NoKubeconfig_FallsBackToInCluster()
    {
        var config = KubernetesClientConfiguration.BuildDefault(Env("10.96.0.1"), homeDirectory: _dir.Path, inClusterPaths: Paths);

        Assert.Equal("knative-sources", config.Namespace);
        Assert.StartsWith("in-cluster", config.Source, StringComparison.Ordinal);
    }
}
