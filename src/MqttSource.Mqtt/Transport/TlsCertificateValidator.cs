using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MqttSource.Mqtt.Options;

namespace MqttSource.Mqtt.Transport;

/// <summary>Validates the broker certificate against the configured CAs (or the system store) and the host name.</summary>
internal sealed class TlsCertificateValidator(MqttClientTlsOptions options)
{
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        var cert = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        var outcome = options.AllowUntrustedCertificates || Check(cert, chain, errors);
        return options.CertificateValidationHandler is { } handler ? handler(cert, chain, errors) && outcome : outcome;
    }

    private bool Check(X509Certificate2 cert, X509Chain? chain, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 && options.VerifyHostName)
        {
            return false;
        }

        if (options.TrustedCertificateAuthorities.Count == 0)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(options.TrustedCertificateAuthorities);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(cert);
    }
}
