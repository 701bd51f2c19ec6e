using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MqttSource.Testing.Tls;

/// <summary>
/// TLS material for tests, generated in .NET (no openssl): a CA, a server certificate for <c>localhost</c> and
/// 127.0.0.1 and a client certificate signed by it, and a second, untrusted CA with its own client certificate.
/// Keys are ECDSA P-256. Generated once per process: use <see cref="Shared"/>.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> s_shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private TestCertificates(
        X509Certificate2 ca,
        X509Certificate2 server,
        X509Certificate2 client,
        X509Certificate2 untrustedCa,
        X509Certificate2 untrustedClient)
    {
        Ca = ca;
        Server = server;
        Client = client;
        UntrustedCa = untrustedCa;
        UntrustedClient = untrustedClient;
    }

    /// <summary>The material of this process, generated on first use.</summary>
    public static TestCertificates Shared => s_shared.Value;

    /// <summary>The CA that signs <see cref="Server"/> and <see cref="Client"/> (with its private key).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>Server certificate: SAN DNS <c>localhost</c> and IP 127.0.0.1, serverAuth, signed by <see cref="Ca"/>.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>Client certificate (CN <c>mqttsource-test-client</c>), clientAuth, signed by <see cref="Ca"/>, with its private key.</summary>
    public X509Certificate2 Client { get; }

    /// <summary>A CA nobody trusts: verifying the server with it must fail.</summary>
    public X509Certificate2 UntrustedCa { get; }

    /// <summary>A client certificate signed by <see cref="UntrustedCa"/>: a broker requiring certificates must refuse it.</summary>
    public X509Certificate2 UntrustedClient { get; }

    /// <summary>Writes every certificate and key as PEM (keys unencrypted PKCS#8, which mosquitto accepts) into <paramref name="directory"/>.</summary>
    public TestCertificateFiles WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new TestCertificateFiles(directory);
        WriteCertificate(files.CaCertificatePath, Ca);
        WriteCertificate(files.ServerCertificatePath, Server);
        WriteKey(files.ServerKeyPath, Server);
        WriteCertificate(files.ClientCertificatePath, Client);
        WriteKey(files.ClientKeyPath, Client);
        WriteCertificate(files.UntrustedCaCertificatePath, UntrustedCa);
        WriteCertificate(files.UntrustedClientCertificatePath, UntrustedClient);
        WriteKey(files.UntrustedClientKeyPath, UntrustedClient);
        return files;
    }

    private static TestCertificates Create()
    {
        var ca = CreateCa("MqttSource Test CA");
        var untrustedCa = CreateCa("MqttSource Untrusted Test CA");
        var serverNames = new SubjectAlternativeNameBuilder();
        serverNames.AddDnsName("localhost");
        serverNames.AddIpAddress(System.Net.IPAddress.Loopback);
        var server = CreateLeaf(ca, "localhost", "1.3.6.1.5.5.7.3.1", serverNames.Build());
        var client = CreateLeaf(ca, "mqttsource-test-client", "1.3.6.1.5.5.7.3.2", subjectAlternativeName: null);
        var untrustedClient = CreateLeaf(untrustedCa, "mqttsource-untrusted-client", "1.3.6.1.5.5.7.3.2", subjectAlternativeName: null);
        return new TestCertificates(ca, server, client, untrustedCa, untrustedClient);
    }

    private static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=MqttSource Tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return Reload(certificate);
    }

    private static X509Certificate2 CreateLeaf(X509Certificate2 issuer, string commonName, string usageOid, X509Extension? subjectAlternativeName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=MqttSource Tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (subjectAlternativeName is not null)
        {
            request.CertificateExtensions.Add(subjectAlternativeName);
        }

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(issuer, now.AddHours(-1), now.AddYears(1), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // A PKCS#12 round trip gives a certificate whose private key outlives the ECDsa object that made it.
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable);

    private static void WriteCertificate(string path, X509Certificate2 certificate) =>
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");

    private static void WriteKey(string path, X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"{certificate.Subject} has no ECDSA private key.");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
