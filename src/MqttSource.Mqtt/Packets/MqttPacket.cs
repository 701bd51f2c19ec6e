namespace MqttSource.Mqtt.Packets;

/// <summary>Base of every MQTT control packet. Packets are plain data; the codec lives in Formatting.</summary>
public abstract class MqttPacket
{
    /// <summary>The control packet type (the high nibble of the fixed header).</summary>
    public abstract MqttPacketType PacketType { get; }
}
