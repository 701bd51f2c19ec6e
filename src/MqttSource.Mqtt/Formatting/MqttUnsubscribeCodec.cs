using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>UNSUBSCRIBE (spec 3.10): packet identifier, MQTT 5 properties, then topic filters.</summary>
internal static class MqttUnsubscribeCodec
{
    public static void Encode(MqttUnsubscribePacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        var filters = packet.TopicFilters;
        if (packet.PacketIdentifier == 0 || filters.Count == 0)
        {
            MqttThrow.CannotEncode("UNSUBSCRIBE needs a non-zero packet identifier and at least one topic filter.");
        }

        var v5 = version == MqttProtocolVersion.V500;
        var properties = default(MqttProperties);
        var propertiesLength = 0;
        var remainingLength = 2;
        if (v5)
        {
            properties.UserProperties = MqttProperties.NullIfEmpty(packet.UserProperties);
            propertiesLength = properties.GetLength();
            remainingLength += MqttProperties.GetBlockSize(propertiesLength);
        }

        for (var i = 0; i < filters.Count; i++)
        {
            MqttTopic.ValidateFilter(filters[i]);
            remainingLength += MqttUtf8.GetFieldSize(filters[i]);
        }

        var writer = MqttPacketWriter.Begin(output, 0xA2, remainingLength);
        writer.WriteUInt16(packet.PacketIdentifier);
        if (v5)
        {
            properties.Write(ref writer, propertiesLength);
        }

        for (var i = 0; i < filters.Count; i++)
        {
            writer.WriteString(filters[i]);
        }

        writer.Complete(output);
    }

    public static MqttUnsubscribePacket Decode(ref MqttPacketReader reader, MqttProtocolVersion version)
    {
        var packet = new MqttUnsubscribePacket { PacketIdentifier = reader.ReadPacketIdentifier() };
        if (version == MqttProtocolVersion.V500)
        {
            var properties = default(MqttProperties);
            properties.Read(ref reader, MqttPropertyContext.Unsubscribe);
            packet.UserProperties = properties.UserProperties;
        }

        if (reader.End)
        {
            MqttThrow.ProtocolError("UNSUBSCRIBE without topic filters.");
        }

        var filters = new List<string>(1);
        while (!reader.End)
        {
            filters.Add(MqttTopic.ReadFilter(ref reader));
        }

        packet.TopicFilters = filters;
        return packet;
    }
}
