using System.Buffers;
using System.Buffers.Binary;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>
/// Reads just enough of a PUBLISH that is over our maximum packet size to skip it and acknowledge it (MQTT 3.1.1 has no
/// way to tell the broker our limit): its size, QoS and packet identifier. Nothing is allocated.
/// </summary>
internal static class MqttOversizedPublish
{
    /// <summary>False while the buffer does not yet hold the fixed header, the topic and the packet identifier.</summary>
    public static bool TryReadPrefix(in ReadOnlySequence<byte> buffer, MqttProtocolVersion version, out long packetSize, out MqttQualityOfServiceLevel qos, out ushort packetIdentifier)
    {
        packetSize = 0;
        qos = MqttQualityOfServiceLevel.AtMostOnce;
        packetIdentifier = 0;
        if (!MqttFixedHeader.TryRead(buffer, version, out var header) || header.Type != MqttPacketType.Publish)
        {
            return false;
        }

        packetSize = header.PacketSize;
        qos = (MqttQualityOfServiceLevel)((header.Flags >> 1) & 0x03);
        if (qos == MqttQualityOfServiceLevel.AtMostOnce)
        {
            return true;
        }

        Span<byte> two = stackalloc byte[2];
        if (buffer.Length < header.Size + 2)
        {
            return false;
        }

        buffer.Slice(header.Size, 2).CopyTo(two);
        var topicLength = BinaryPrimitives.ReadUInt16BigEndian(two);
        var idOffset = header.Size + 2 + topicLength;
        if (idOffset + 2 > header.PacketSize)
        {
            throw new MqttProtocolViolationException("PUBLISH topic length runs past the end of the packet.");
        }

        if (buffer.Length < idOffset + 2)
        {
            return false;
        }

        buffer.Slice(idOffset, 2).CopyTo(two);
        packetIdentifier = BinaryPrimitives.ReadUInt16BigEndian(two);
        return packetIdentifier != 0 ? true : throw new MqttProtocolViolationException("PUBLISH with QoS > 0 has packet identifier 0.");
    }
}
