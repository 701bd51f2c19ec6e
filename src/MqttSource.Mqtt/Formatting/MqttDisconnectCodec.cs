using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>DISCONNECT (spec 3.14): empty in 3.1.1; the reason tail in MQTT 5.</summary>
internal static class MqttDisconnectCodec
{
    public static void Encode(MqttDisconnectPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        var properties = default(MqttProperties);
        var propertiesLength = 0;
        var remainingLength = 0;
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            properties.SessionExpiryInterval = packet.SessionExpiryInterval;
            properties.ReasonString = packet.ReasonString;
            properties.ServerReference = packet.ServerReference;
            properties.UserProperties = MqttProperties.NullIfEmpty(packet.UserProperties);
            propertiesLength = properties.GetLength();
            remainingLength = MqttReasonTail.GetSize(packet.ReasonCode, propertiesLength);
        }

        var writer = MqttPacketWriter.Begin(output, 0xE0, remainingLength);
        if (v5)
        {
            MqttReasonTail.Write(ref writer, packet.ReasonCode, properties, propertiesLength);
        }

        writer.Complete(output);
    }

    public static MqttDisconnectPacket Decode(ref MqttPacketReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttDisconnectPacket();
        if (version == MqttProtocolVersion.V500)
        {
            var properties = default(MqttProperties);
            packet.ReasonCode = MqttReasonTail.Read(ref reader, MqttPropertyContext.Disconnect, ref properties);
            packet.SessionExpiryInterval = properties.SessionExpiryInterval;
            packet.ReasonString = properties.ReasonString;
            packet.ServerReference = properties.ServerReference;
            packet.UserProperties = properties.UserProperties;
        }

        return packet;
    }
}
