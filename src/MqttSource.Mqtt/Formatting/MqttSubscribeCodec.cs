using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>SUBSCRIBE (spec 3.8): packet identifier, MQTT 5 properties, then filters with their option bytes.</summary>
internal static class MqttSubscribeCodec
{
    public static void Encode(MqttSubscribePacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        var filters = packet.TopicFilters;
        if (packet.PacketIdentifier == 0 || filters.Count == 0)
        {
            MqttThrow.CannotEncode("SUBSCRIBE needs a non-zero packet identifier and at least one topic filter.");
        }

        var v5 = version == MqttProtocolVersion.V500;
        var properties = default(MqttProperties);
        var propertiesLength = 0;
        var remainingLength = 2;
        if (v5)
        {
            properties.SubscriptionIdentifiers = packet.SubscriptionIdentifier == 0 ? null : [packet.SubscriptionIdentifier];
            properties.UserProperties = MqttProperties.NullIfEmpty(packet.UserProperties);
            propertiesLength = properties.GetLength();
            remainingLength += MqttProperties.GetBlockSize(propertiesLength);
        }

        for (var i = 0; i < filters.Count; i++)
        {
            MqttTopic.ValidateFilter(filters[i].Topic);
            remainingLength += MqttUtf8.GetFieldSize(filters[i].Topic) + 1;
        }

        var writer = MqttPacketWriter.Begin(output, 0x82, remainingLength);
        writer.WriteUInt16(packet.PacketIdentifier);
        if (v5)
        {
            properties.Write(ref writer, propertiesLength);
        }

        for (var i = 0; i < filters.Count; i++)
        {
            writer.WriteString(filters[i].Topic);
            writer.WriteByte(GetOptions(filters[i], v5));
        }

        writer.Complete(output);
    }

    public static MqttSubscribePacket Decode(ref MqttPacketReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttSubscribePacket { PacketIdentifier = reader.ReadPacketIdentifier() };
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            var properties = default(MqttProperties);
            properties.Read(ref reader, MqttPropertyContext.Subscribe);
            packet.SubscriptionIdentifier = properties.SubscriptionIdentifiers is { } ids ? ids[0] : 0;
            packet.UserProperties = properties.UserProperties;
        }

        if (reader.End)
        {
            MqttThrow.ProtocolError("SUBSCRIBE without topic filters.");
        }

        var filters = new List<MqttTopicFilter>(1);
        while (!reader.End)
        {
            var topic = MqttTopic.ReadFilter(ref reader);
            var options = reader.ReadByte();
            if ((options & (v5 ? 0xC0 : 0xFC)) != 0 || (options & 0x03) == 0x03 || (options & 0x30) == 0x30)
            {
                MqttThrow.Malformed($"Invalid subscription options 0x{options:X2}.");
            }

            filters.Add(new MqttTopicFilter
            {
                Topic = topic,
                QualityOfServiceLevel = (MqttQualityOfServiceLevel)(options & 0x03),
                NoLocal = (options & 0x04) != 0,
                RetainAsPublished = (options & 0x08) != 0,
                RetainHandling = (MqttRetainHandling)((options >> 4) & 0x03),
            });
        }

        packet.TopicFilters = filters;
        return packet;
    }

    private static byte GetOptions(MqttTopicFilter filter, bool v5)
    {
        if (filter.QualityOfServiceLevel > MqttQualityOfServiceLevel.ExactlyOnce || filter.RetainHandling > MqttRetainHandling.DoNotSendOnSubscribe)
        {
            MqttThrow.CannotEncode($"Invalid subscription options for '{filter.Topic}'.");
        }

        var options = (int)filter.QualityOfServiceLevel;
        if (v5)
        {
            options |= (filter.NoLocal ? 0x04 : 0) | (filter.RetainAsPublished ? 0x08 : 0) | ((int)filter.RetainHandling << 4);
        }

        return (byte)options;
    }
}
