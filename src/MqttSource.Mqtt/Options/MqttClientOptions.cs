using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Options;

/// <summary>Everything a client needs to connect. Build with <see cref="MqttClientOptionsBuilder"/>, which validates.</summary>
public sealed class MqttClientOptions
{
    /// <summary>Broker host name or address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker port (1883 plain, 8883 TLS by default).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Protocol version (MQTT 5 by default).</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    /// <summary>Client identifier. Must be stable for persistent sessions.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Clean Start (5.0) / Clean Session (3.1.1). False keeps the session.</summary>
    public bool CleanStart { get; set; } = true;

    /// <summary>MQTT 5 Session Expiry Interval in seconds; 0 ends the session at disconnect.</summary>
    public uint SessionExpiryInterval { get; set; }

    /// <summary>Keep alive period; zero turns keep alive off.</summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait for any packet after a PINGREQ before the connection is considered dead.
    /// Zero means half of the keep alive period.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; }

    /// <summary>Timeout of connect and of each request awaiting a response (SUBACK, PUBACK...).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>User name, or null.</summary>
    public string? Username { get; set; }

    /// <summary>Password bytes, or null.</summary>
    public ReadOnlyMemory<byte>? Password { get; set; }

    /// <summary>TLS settings.</summary>
    public MqttClientTlsOptions Tls { get; set; } = new();

    /// <summary>MQTT 5 Receive Maximum: un-acknowledged QoS 1/2 messages the broker may send us (0 = protocol default 65,535).</summary>
    public ushort ReceiveMaximum { get; set; }

    /// <summary>Largest packet accepted, fixed header included. Sent to MQTT 5 brokers, enforced by the decoder always.</summary>
    public uint MaximumPacketSize { get; set; } = 268_435_460;

    /// <summary>MQTT 5 CONNECT user properties.</summary>
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }

    /// <summary>Will message, or null.</summary>
    public MqttApplicationMessage? WillMessage { get; set; }

    /// <summary>Maximum outgoing QoS 1/2 publishes awaiting acknowledgement (further lowered to the broker's Receive Maximum).</summary>
    public int MaximumOutgoingInflight { get; set; } = 65_535;

    /// <summary>First delay of automatic reconnect; doubles per failed attempt, with jitter.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the reconnect delay.</summary>
    public TimeSpan MaximumReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Socket receive buffer per read (bytes).</summary>
    public int ReadBufferSize { get; set; } = 64 * 1024;

    /// <summary>
    /// Bytes of decoded messages that may wait for the handler while it applies backpressure (each counted with 256 bytes
    /// of overhead). Small on purpose: messages that wait long outlive the GC's young generation. Measured with a 100k
    /// backlog drain (Mosquitto 2.0.11 overshooting Receive Maximum): 4 MiB here and 4 MiB read ahead cost 166 MB peak RSS,
    /// 64 KiB and 512 KiB 88 MB. A broker that honours Receive Maximum never fills it.
    /// </summary>
    public long InboundBufferSize { get; set; } = 64 * 1024;

    /// <summary>
    /// Raw bytes read ahead of the waiting messages, so that control packets behind them are still handled. Beyond that
    /// the client stops reading (TCP holds the broker back) and request timeouts and keep alive pause until it reads again.
    /// </summary>
    public long ReadAheadSize { get; set; } = 512 * 1024;

    /// <summary>The effective keep alive timeout.</summary>
    internal TimeSpan EffectiveKeepAliveTimeout =>
        KeepAliveTimeout > TimeSpan.Zero ? KeepAliveTimeout : TimeSpan.FromTicks(Math.Max(KeepAlivePeriod.Ticks / 2, TimeSpan.TicksPerSecond));

    /// <summary>Builds the CONNECT packet for these options.</summary>
    internal MqttConnectPacket CreateConnectPacket() => new()
    {
        ClientId = ClientId,
        CleanSession = CleanStart,
        KeepAliveSeconds = (ushort)Math.Min(ushort.MaxValue, (int)KeepAlivePeriod.TotalSeconds),
        Username = Username,
        Password = Password,
        WillMessage = WillMessage,
        SessionExpiryInterval = ProtocolVersion == MqttProtocolVersion.V500 ? SessionExpiryInterval : 0,
        ReceiveMaximum = ProtocolVersion == MqttProtocolVersion.V500 ? ReceiveMaximum : (ushort)0,
        MaximumPacketSize = ProtocolVersion == MqttProtocolVersion.V500 && MaximumPacketSize < 268_435_460 ? MaximumPacketSize : 0,
        UserProperties = ProtocolVersion == MqttProtocolVersion.V500 ? UserProperties : null,
    };
}
