using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>PUBLISH (spec 3.3).</summary>
internal static class MqttPublishCodec
{
    public static void Encode(MqttPublishPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        var message = packet.Message;
        var qos = message.QualityOfServiceLevel;
        if (qos > MqttQualityOfServiceLevel.ExactlyOnce)
        {
            MqttThrow.CannotEncode($"Invalid QoS {(int)qos}.");
        }

        if ((qos == MqttQualityOfServiceLevel.AtMostOnce) != (packet.PacketIdentifier == 0))
        {
            MqttThrow.CannotEncode("A QoS 0 PUBLISH has no packet identifier; a QoS 1 or 2 PUBLISH needs a non-zero one.");
        }

        if (message.Dup && qos == MqttQualityOfServiceLevel.AtMostOnce)
        {
            MqttThrow.CannotEncode("DUP must be 0 for a QoS 0 PUBLISH.");
        }

        var v5 = version == MqttProtocolVersion.V500;
        MqttTopic.ValidateName(message.Topic);
        if (message.Topic.Length == 0 && !(v5 && message.TopicAlias != 0))
        {
            MqttThrow.CannotEncode("An empty topic name needs a topic alias (MQTT 5).");
        }

        var properties = default(MqttProperties);
        var propertiesLength = 0;
        var remainingLength = MqttUtf8.GetFieldSize(message.Topic) + (qos == MqttQualityOfServiceLevel.AtMostOnce ? 0 : 2) + message.Payload.Length;
        if (v5)
        {
            properties = MqttProperties.FromMessage(message);
            properties.TopicAlias = message.TopicAlias == 0 ? null : message.TopicAlias;
            properties.SubscriptionIdentifiers = MqttProperties.NullIfEmpty(message.SubscriptionIdentifiers);
            propertiesLength = properties.GetLength();
            remainingLength += MqttProperties.GetBlockSize(propertiesLength);
        }

        var header = (byte)(0x30 | ((int)qos << 1) | (message.Dup ? 0x08 : 0) | (message.Retain ? 0x01 : 0));
        var writer = MqttPacketWriter.Begin(output, header, remainingLength);
        writer.WriteString(message.Topic);
        if (qos != MqttQualityOfServiceLevel.AtMostOnce)
        {
            writer.WriteUInt16(packet.PacketIdentifier);
        }

        if (v5)
        {
            properties.Write(ref writer, propertiesLength);
        }

        writer.WriteBytes(message.Payload.Span);
        writer.Complete(output);
    }

    public static MqttPublishPacket Decode(ref MqttPacketReader reader, int flags, MqttProtocolVersion version)
    {
        var qos = (MqttQualityOfServiceLevel)((flags >> 1) & 0x03);
        var packet = new MqttPublishPacket();
        var message = packet.Message;
        message.QualityOfServiceLevel = qos;
        message.Dup = (flags & 0x08) != 0;
        message.Retain = (flags & 0x01) != 0;
        message.Topic = MqttTopic.ReadName(ref reader);
        if (qos != MqttQualityOfServiceLevel.AtMostOnce)
        {
            packet.PacketIdentifier = reader.ReadPacketIdentifier();
        }

        if (version == MqttProtocolVersion.V500)
        {
            var properties = default(MqttProperties);
            properties.Read(ref reader, MqttPropertyContext.Publish);
            properties.ApplyTo(message);
            message.TopicAlias = properties.TopicAlias ?? 0;
            message.SubscriptionIdentifiers = properties.SubscriptionIdentifiers;
        }

        if (message.Topic.Length == 0 && message.TopicAlias == 0)
        {
            MqttThrow.ProtocolError("PUBLISH with an empty topic name and no topic alias.");
        }

        var payload = reader.ReadToEnd();
        message.Payload = payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : payload.ToArray();
        return packet;
    }
}
