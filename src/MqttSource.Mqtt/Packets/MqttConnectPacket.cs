namespace MqttSource.Mqtt.Packets;

/// <summary>CONNECT (client → server).</summary>
public sealed class MqttConnectPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Connect;

    public string ClientId { get; set; } = string.Empty;

    /// <summary>Clean Session (3.1.1) / Clean Start (5.0).</summary>
    public bool CleanSession { get; set; } = true;

    public ushort KeepAliveSeconds { get; set; }

    public string? Username { get; set; }

    public ReadOnlyMemory<byte>? Password { get; set; }

    /// <summary>The will message, or null. Its MQTT 5 properties travel as the will properties.</summary>
    public MqttApplicationMessage? WillMessage { get; set; }

    /// <summary>MQTT 5 Will Delay Interval in seconds (0 = absent).</summary>
    public uint WillDelayInterval { get; set; }

    // MQTT 5 CONNECT properties. 0 / null = not sent.
    public uint SessionExpiryInterval { get; set; }

    public ushort ReceiveMaximum { get; set; }

    public uint MaximumPacketSize { get; set; }

    public ushort TopicAliasMaximum { get; set; }

    public bool RequestResponseInformation { get; set; }

    /// <summary>Request Problem Information; the default (true) is not sent.</summary>
    public bool RequestProblemInformation { get; set; } = true;

    public string? AuthenticationMethod { get; set; }

    public ReadOnlyMemory<byte>? AuthenticationData { get; set; }

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
