using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace MqttSource.Mqtt.Options;

/// <summary>TLS settings of a connection. Server certificate and host name are verified unless explicitly turned off.</summary>
public sealed class MqttClientTlsOptions
{
    /// <summary>Whether the connection uses TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// Certificate authorities to trust instead of the system store (PEM CA bundle of the broker).
    /// When empty the operating system's trust store is used.
    /// </summary>
    public X509Certificate2Collection TrustedCertificateAuthorities { get; } = [];

    /// <summary>Client certificate with its private key for mutual TLS, or null.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Server name for SNI and the host name check; defaults to the host of the server address.</summary>
    public string? TargetHost { get; set; }

    /// <summary>Check that the server certificate names <see cref="TargetHost"/> (on by default).</summary>
    public bool VerifyHostName { get; set; } = true;

    /// <summary>Accept any server certificate. For tests only; never the default.</summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>Allowed TLS versions (operating system default when None).</summary>
    public SslProtocols SslProtocols { get; set; } = SslProtocols.None;

    /// <summary>Optional extra validation, called after the built-in checks with their outcome.</summary>
    public Func<X509Certificate2, X509Chain?, SslPolicyErrors, bool>? CertificateValidationHandler { get; set; }
}
