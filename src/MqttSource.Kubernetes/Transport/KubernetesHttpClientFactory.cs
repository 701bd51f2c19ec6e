using System.Security.Cryptography.X509Certificates;
using MqttSource.Kubernetes.Configuration;

namespace MqttSource.Kubernetes.Transport;

/// <summary>Builds the <see cref="HttpClient"/> for a <see cref="KubernetesClientConfiguration"/>: TLS trust, client certificate, bearer token.</summary>
internal static class KubernetesHttpClientFactory
{
    public static HttpClient Create(KubernetesClientConfiguration configuration)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
        };

        if (configuration.SkipTlsVerify)
        {
#pragma warning disable CA5359 // the kubeconfig asked for it explicitly (insecure-skip-tls-verify: true)
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (configuration.CertificateAuthorities is { Count: > 0 } cas)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(cas);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        if (configuration.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        HttpMessageHandler pipeline = configuration.TokenSource is { } tokens ? new BearerTokenHandler(tokens, handler) : handler;
        return new HttpClient(pipeline, disposeHandler: true)
        {
            BaseAddress = configuration.Server,
            Timeout = Timeout.InfiniteTimeSpan, // watches are long; requests get their own timeout
        };
    }
}
