using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>PUBACK, PUBREC, PUBREL and PUBCOMP (spec 3.4–3.7): packet identifier, then in MQTT 5 the reason tail.</summary>
internal static class MqttPublishAckCodec
{
    public static void Encode(MqttAckPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        if (packet.PacketIdentifier == 0)
        {
            MqttThrow.CannotEncode($"{packet.PacketType} needs a non-zero packet identifier.");
        }

        var properties = default(MqttProperties);
        var propertiesLength = 0;
        var remainingLength = 2;
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            properties.ReasonString = packet.ReasonString;
            properties.UserProperties = MqttProperties.NullIfEmpty(packet.UserProperties);
            propertiesLength = properties.GetLength();
            remainingLength += MqttReasonTail.GetSize(packet.ReasonCode, propertiesLength);
        }

        var header = (byte)((int)packet.PacketType << 4 | (packet.PacketType == MqttPacketType.PubRel ? 0x02 : 0));
        var writer = MqttPacketWriter.Begin(output, header, remainingLength);
        writer.WriteUInt16(packet.PacketIdentifier);
        if (v5)
        {
            MqttReasonTail.Write(ref writer, packet.ReasonCode, properties, propertiesLength);
        }

        writer.Complete(output);
    }

    public static MqttAckPacket Decode(ref MqttPacketReader reader, MqttPacketType type, MqttProtocolVersion version)
    {
        MqttAckPacket packet = type switch
        {
            MqttPacketType.PubAck => new MqttPubAckPacket(),
            MqttPacketType.PubRec => new MqttPubRecPacket(),
            MqttPacketType.PubRel => new MqttPubRelPacket(),
            _ => new MqttPubCompPacket(),
        };
        packet.PacketIdentifier = reader.ReadPacketIdentifier();
        if (version == MqttProtocolVersion.V500)
        {
            var properties = default(MqttProperties);
            packet.ReasonCode = MqttReasonTail.Read(ref reader, MqttPropertyContext.PublishAck, ref properties);
            packet.ReasonString = properties.ReasonString;
            packet.UserProperties = properties.UserProperties;
        }

        return packet;
    }
}
