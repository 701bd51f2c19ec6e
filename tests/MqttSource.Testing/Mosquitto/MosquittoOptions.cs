namespace MqttSource.Testing.Mosquitto;

/// <summary>How <see cref="MosquittoBroker.StartAsync"/> configures the broker. Defaults give a plain,
/// anonymous, in-memory broker on one free loopback port.</summary>
public sealed class MosquittoOptions
{
    /// <summary><c>persistence true</c> with the database in <see cref="MosquittoBroker.DataDirectory"/>.
    /// Mosquitto writes it on a clean stop and every <see cref="AutosaveInterval"/>; a kill -9 loses what
    /// changed since the last save. Default false.</summary>
    public bool Persistence { get; set; }

    /// <summary><c>autosave_interval</c> (whole seconds, at least 1); null keeps mosquitto's 1800 s.</summary>
    public TimeSpan? AutosaveInterval { get; set; }

    /// <summary>Adds a second listener speaking TLS (see <see cref="MosquittoBroker.TlsPort"/>). Default false.</summary>
    public bool Tls { get; set; }

    /// <summary>mTLS: the TLS listener requires a client certificate signed by the test CA. Implies <see cref="Tls"/>.</summary>
    public bool RequireCertificate { get; set; }

    /// <summary>Username → password. When any are set, a password file is written with <c>mosquitto_passwd</c>
    /// and anonymous clients are refused.</summary>
    public IDictionary<string, string> Users { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>max_inflight_messages</c>; null keeps mosquitto's 20.</summary>
    public int? MaxInflightMessages { get; set; }

    /// <summary><c>max_queued_messages</c>; null keeps mosquitto's 1000 (then silent drop).</summary>
    public int? MaxQueuedMessages { get; set; }

    /// <summary><c>queue_qos0_messages</c>; null keeps mosquitto's false.</summary>
    public bool? QueueQos0Messages { get; set; }

    /// <summary><c>max_packet_size</c> in bytes; null means no limit.</summary>
    public int? MaxPacketSize { get; set; }

    /// <summary><c>max_keepalive</c> in seconds; null keeps mosquitto's 65535.</summary>
    public int? MaxKeepalive { get; set; }

    /// <summary>Lines appended verbatim to the end of mosquitto.conf.</summary>
    public string? ExtraConfig { get; set; }

    /// <summary>How long a start may take before it fails with the log. Default 10 s.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal bool TlsEnabled => Tls || RequireCertificate;
}
