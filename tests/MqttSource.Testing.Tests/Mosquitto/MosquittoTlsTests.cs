using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Testing.Tests.Mosquitto;

public sealed class MosquittoTlsTests
{
    [Fact]
    public async Task PublishAsync_TlsWithTestCa_Succeeds()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });

        var result = await MosquittoClients.PublishAsync(broker.TlsClientOptions(), "test/tls", "x");

        Assert.True(result.Succeeded, $"{result}\n{broker.Log}");
        Assert.Equal(new Uri($"mqtts://localhost:{broker.TlsPort}"), broker.TlsUrl);
        Assert.NotEqual(broker.Port, broker.TlsPort);
        Assert.True(broker.CaCertificate.Equals(Testing.Tls.TestCertificates.Shared.Ca));
    }

    [Fact]
    public async Task PublishAsync_TlsWithUntrustedCa_IsRefused()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });

        var result = await MosquittoClients.PublishAsync(
            broker.TlsClientOptions() with { CaFile = broker.CertificateFiles.UntrustedCaCertificatePath }, "test/tls", "x");

        Assert.False(result.Succeeded, result.ToString());
        Assert.False(result.TimedOut);
    }

    [Fact]
    public async Task PublishAsync_PlainListenerNextToTls_StillWorks()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });

        var result = await MosquittoClients.PublishAsync(broker.ClientOptions(), "test/plain", "x");

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task PublishAsync_MutualTls_NeedsClientCertificateFromTheCa()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { RequireCertificate = true });

        var withCertificate = await MosquittoClients.PublishAsync(broker.TlsClientOptions(withClientCertificate: true), "test/mtls", "x");
        var withoutCertificate = await MosquittoClients.PublishAsync(broker.TlsClientOptions(), "test/mtls", "x");
        var untrustedCertificate = await MosquittoClients.PublishAsync(
            broker.TlsClientOptions() with
            {
                CertFile = broker.CertificateFiles.UntrustedClientCertificatePath,
                KeyFile = broker.CertificateFiles.UntrustedClientKeyPath,
            },
            "test/mtls",
            "x");

        Assert.True(withCertificate.Succeeded, $"{withCertificate}\n{broker.Log}");
        Assert.False(withoutCertificate.Succeeded, withoutCertificate.ToString());
        Assert.False(untrustedCertificate.Succeeded, untrustedCertificate.ToString());
        Assert.False(withoutCertificate.TimedOut || untrustedCertificate.TimedOut);
        Assert.True(broker.ClientCertificate.HasPrivateKey);
    }
}
