namespace MqttSource.Mqtt.Packets;

/// <summary>PUBLISH (both directions). QoS, retain, DUP, topic, payload and properties live in <see cref="Message"/>.</summary>
public sealed class MqttPublishPacket : MqttPacket
{
    public override MqttPacketType PacketType => MqttPacketType.Publish;

    /// <summary>Packet identifier; 0 for QoS 0, non-zero otherwise.</summary>
    public ushort PacketIdentifier { get; set; }

    public MqttApplicationMessage Message { get; set; } = new();
}
