namespace MqttSource.Testing.Tls;

/// <summary>Where <see cref="TestCertificates.WriteTo"/> put the PEM files.</summary>
public sealed class TestCertificateFiles(string directory)
{
    /// <summary>The folder holding the files.</summary>
    public string Directory { get; } = directory;

    /// <summary>The trusted CA certificate (PEM), for <c>cafile</c> / <c>--cafile</c>.</summary>
    public string CaCertificatePath => Path.Combine(Directory, "ca.crt");

    /// <summary>The server certificate (PEM).</summary>
    public string ServerCertificatePath => Path.Combine(Directory, "server.crt");

    /// <summary>The server key (unencrypted PKCS#8 PEM).</summary>
    public string ServerKeyPath => Path.Combine(Directory, "server.key");

    /// <summary>The client certificate signed by the trusted CA (PEM).</summary>
    public string ClientCertificatePath => Path.Combine(Directory, "client.crt");

    /// <summary>The client key (unencrypted PKCS#8 PEM).</summary>
    public string ClientKeyPath => Path.Combine(Directory, "client.key");

    /// <summary>The untrusted CA certificate (PEM).</summary>
    public string UntrustedCaCertificatePath => Path.Combine(Directory, "untrusted-ca.crt");

    /// <summary>A client certificate signed by the untrusted CA (PEM).</summary>
    public string UntrustedClientCertificatePath => Path.Combine(Directory, "untrusted-client.crt");

    /// <summary>The key of the untrusted client certificate (unencrypted PKCS#8 PEM).</summary>
    public string UntrustedClientKeyPath => Path.Combine(Directory, "untrusted-client.key");
}
