using System.Security.Cryptography.X509Certificates;
using MqttSource.Testing.Tls;
using Xunit;

namespace MqttSource.Testing.Tests.Tls;

public sealed class TestCertificatesTests
{
    private static readonly TestCertificates s_certificates = TestCertificates.Shared;

    [Fact]
    public void Server_ChainsToCa_NotToUntrustedCa()
    {
        Assert.True(Builds(s_certificates.Server, s_certificates.Ca));
        Assert.False(Builds(s_certificates.Server, s_certificates.UntrustedCa));
    }

    [Fact]
    public void Client_ChainsToCa_AndHasPrivateKey()
    {
        Assert.True(Builds(s_certificates.Client, s_certificates.Ca));
        Assert.True(s_certificates.Client.HasPrivateKey);
        Assert.True(Builds(s_certificates.UntrustedClient, s_certificates.UntrustedCa));
    }

    [Fact]
    public void Server_NamesLocalhostAndLoopback()
    {
        Assert.True(s_certificates.Server.MatchesHostname("localhost"));
        Assert.True(s_certificates.Server.MatchesHostname("127.0.0.1"));
        Assert.False(s_certificates.Server.MatchesHostname("example.com"));
    }

    [Fact]
    public void WriteTo_WritesUnencryptedPemFiles()
    {
        var directory = Directory.CreateTempSubdirectory("mqttsource-certs-").FullName;
        try
        {
            var files = s_certificates.WriteTo(directory);

            Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(files.CaCertificatePath), StringComparison.Ordinal);
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(files.ServerKeyPath), StringComparison.Ordinal);
            var reloaded = X509Certificate2.CreateFromPemFile(files.ClientCertificatePath, files.ClientKeyPath);
            Assert.Equal(s_certificates.Client.Thumbprint, reloaded.Thumbprint);
            Assert.True(reloaded.HasPrivateKey);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static bool Builds(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
