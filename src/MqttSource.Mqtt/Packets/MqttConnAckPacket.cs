namespace MqttSource.Mqtt.Packets;

/// <summary>CONNACK (server → client). 3.1.1 return codes are mapped to MQTT 5 reason codes.</summary>
public sealed class MqttConnAckPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.ConnAck;

    public bool SessionPresent { get; set; }

    public MqttReasonCode ReasonCode { get; set; }

    // MQTT 5 properties; null = absent.
    public uint? SessionExpiryInterval { get; set; }

    public ushort? ReceiveMaximum { get; set; }

    public MqttQualityOfServiceLevel? MaximumQoS { get; set; }

    public bool? RetainAvailable { get; set; }

    public uint? MaximumPacketSize { get; set; }

    public string? AssignedClientIdentifier { get; set; }

    public ushort? TopicAliasMaximum { get; set; }

    public string? ReasonString { get; set; }

    public bool? WildcardSubscriptionAvailable { get; set; }

    public bool? SubscriptionIdentifiersAvailable { get; set; }

    public bool? SharedSubscriptionAvailable { get; set; }

    public ushort? ServerKeepAlive { get; set; }

    public string? ResponseInformation { get; set; }

    public string? ServerReference { get; set; }

    public string? AuthenticationMethod { get; set; }

    public ReadOnlyMemory<byte>? AuthenticationData { get; set; }

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }
}
