using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>AUTH (spec 3.15, MQTT 5 only): the reason tail.</summary>
internal static class MqttAuthCodec
{
    public static void Encode(MqttAuthPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        if (version != MqttProtocolVersion.V500)
        {
            MqttThrow.CannotEncode("AUTH exists in MQTT 5 only.");
        }

        var properties = new MqttProperties
        {
            AuthenticationMethod = packet.AuthenticationMethod,
            AuthenticationData = packet.AuthenticationData,
            ReasonString = packet.ReasonString,
            UserProperties = MqttProperties.NullIfEmpty(packet.UserProperties),
        };
        var propertiesLength = properties.GetLength();
        var writer = MqttPacketWriter.Begin(output, 0xF0, MqttReasonTail.GetSize(packet.ReasonCode, propertiesLength));
        MqttReasonTail.Write(ref writer, packet.ReasonCode, properties, propertiesLength);
        writer.Complete(output);
    }

    public static MqttAuthPacket Decode(ref MqttPacketReader reader)
    {
        var properties = default(MqttProperties);
        var packet = new MqttAuthPacket { ReasonCode = MqttReasonTail.Read(ref reader, MqttPropertyContext.Auth, ref properties) };
        packet.AuthenticationMethod = properties.AuthenticationMethod;
        packet.AuthenticationData = properties.AuthenticationData;
        packet.ReasonString = properties.ReasonString;
        packet.UserProperties = properties.UserProperties;
        return packet;
    }
}
