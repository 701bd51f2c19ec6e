using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MqttSource.Adapter.Configuration;

namespace MqttSource.Adapter.Hosting;

/// <summary>
/// The HttpClient for the sink, tuned for throughput: pooled keep-alive connections (one per in-flight event at most),
/// no proxy lookup, no decompression, HTTP/1.1 or HTTP/2 (h2c when asked), and the K_CA_CERTS bundle for https sinks.
/// Timeouts are per attempt, by the delivery policy.
/// </summary>
internal static class SinkHttpClientFactory
{
    public static HttpClient Create(AdapterSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = Math.Max(1, settings.Source.Parallelism) + 2,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            EnableMultipleHttp2Connections = true,
        };
        if (settings.SinkCaCertificates is { } pem)
        {
            var trusted = MqttClientFactory.ParsePemBundle(pem);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(certificate, chain, errors, trusted),
            };
        }

        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = settings.SinkHttp2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = settings.SinkHttp2 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    private static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        if (presented is not null)
        {
            // Intermediates the sink sent along.
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
