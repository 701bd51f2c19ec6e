using System.Security.Cryptography.X509Certificates;

namespace MqttSource.Testing.Kubernetes;

/// <summary>Options of a <see cref="FakeApiServer"/>.</summary>
public sealed class FakeApiServerOptions
{
    /// <summary>How many changes are kept for watches that resume from a resourceVersion; older ones get 410 Gone.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    /// <summary>When set, BOOKMARK events are sent this often to watches that allow them (the real server: about a minute).</summary>
    public TimeSpan? BookmarkInterval { get; init; }

    /// <summary>When set, serve HTTPS with this certificate (with its key), e.g. <c>TestCertificates.Shared.Server</c>.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>With HTTPS: ask for a client certificate (recorded in <see cref="RecordedRequest.ClientCertificateSubject"/>).</summary>
    public bool AskForClientCertificate { get; init; }

    /// <summary>The clock for creationTimestamp and deletionTimestamp.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
