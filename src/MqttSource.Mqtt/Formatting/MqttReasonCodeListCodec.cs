using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>
/// SUBACK and UNSUBACK (spec 3.9, 3.11): packet identifier, MQTT 5 properties, then one reason code per filter.
/// 3.1.1 SUBACK codes are 0, 1, 2 and 0x80 (= UnspecifiedError); a 3.1.1 UNSUBACK has no codes.
/// </summary>
internal static class MqttReasonCodeListCodec
{
    public static void Encode(MqttPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        var (type, packetIdentifier, codes, reasonString, userProperties) = packet switch
        {
            MqttSubAckPacket p => (MqttPacketType.SubAck, p.PacketIdentifier, p.ReasonCodes, p.ReasonString, p.UserProperties),
            MqttUnsubAckPacket p => (MqttPacketType.UnsubAck, p.PacketIdentifier, p.ReasonCodes, p.ReasonString, p.UserProperties),
            _ => throw new ArgumentException("Not a SUBACK or UNSUBACK.", nameof(packet)),
        };
        if (packetIdentifier == 0)
        {
            MqttThrow.CannotEncode($"{type} needs a non-zero packet identifier.");
        }

        var v5 = version == MqttProtocolVersion.V500;
        var writeCodes = v5 || type == MqttPacketType.SubAck;
        var properties = default(MqttProperties);
        var propertiesLength = 0;
        var remainingLength = 2 + (writeCodes ? codes.Count : 0);
        if (v5)
        {
            properties.ReasonString = reasonString;
            properties.UserProperties = MqttProperties.NullIfEmpty(userProperties);
            propertiesLength = properties.GetLength();
            remainingLength += MqttProperties.GetBlockSize(propertiesLength);
        }

        var writer = MqttPacketWriter.Begin(output, (byte)((int)type << 4), remainingLength);
        writer.WriteUInt16(packetIdentifier);
        if (v5)
        {
            properties.Write(ref writer, propertiesLength);
        }

        if (writeCodes)
        {
            for (var i = 0; i < codes.Count; i++)
            {
                writer.WriteByte(v5 ? (byte)codes[i] : ToV311SubAck(codes[i]));
            }
        }

        writer.Complete(output);
    }

    public static MqttPacket Decode(ref MqttPacketReader reader, MqttPacketType type, MqttProtocolVersion version)
    {
        var packetIdentifier = reader.ReadPacketIdentifier();
        var v5 = version == MqttProtocolVersion.V500;
        var properties = default(MqttProperties);
        IReadOnlyList<MqttReasonCode> codes = [];
        if (v5)
        {
            properties.Read(ref reader, type == MqttPacketType.SubAck ? MqttPropertyContext.SubAck : MqttPropertyContext.UnsubAck);
        }

        if (v5 || type == MqttPacketType.SubAck)
        {
            var bytes = reader.ReadToEnd();
            if (bytes.IsEmpty)
            {
                MqttThrow.ProtocolError($"{type} without reason codes.");
            }

            var array = new MqttReasonCode[bytes.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                if (!v5 && bytes[i] is > 2 and not 0x80)
                {
                    MqttThrow.Malformed($"Invalid 3.1.1 SUBACK return code 0x{bytes[i]:X2}.");
                }

                array[i] = (MqttReasonCode)bytes[i];
            }

            codes = array;
        }

        return type == MqttPacketType.SubAck
            ? new MqttSubAckPacket { PacketIdentifier = packetIdentifier, ReasonCodes = codes, ReasonString = properties.ReasonString, UserProperties = properties.UserProperties }
            : new MqttUnsubAckPacket { PacketIdentifier = packetIdentifier, ReasonCodes = codes, ReasonString = properties.ReasonString, UserProperties = properties.UserProperties };
    }

    private static byte ToV311SubAck(MqttReasonCode code) => code switch
    {
        MqttReasonCode.GrantedQoS0 or MqttReasonCode.GrantedQoS1 or MqttReasonCode.GrantedQoS2 => (byte)code,
        >= MqttReasonCode.UnspecifiedError => 0x80,
        _ => throw new MqttProtocolViolationException($"SUBACK code {code} has no MQTT 3.1.1 equivalent.") { ReasonCode = MqttReasonCode.ProtocolError },
    };
}
