using System.Security.Cryptography.X509Certificates;

namespace MqttSource.Testing.Sinks;

/// <summary>How <see cref="LoopbackSink.StartAsync(LoopbackSinkOptions, CancellationToken)"/> listens. Defaults: plain http, HTTP/1.1 and HTTP/2.</summary>
public sealed class LoopbackSinkOptions
{
    /// <summary>Listen with TLS (https) using this certificate and its private key, e.g. <c>TestCertificates.Shared.Server</c>. Default null: plain http.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Speak HTTP/2 only; over plain http that is h2c with prior knowledge (an HTTP/1.1 request is refused). Default false.</summary>
    public bool Http2Only { get; init; }
}
