using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>CONNACK (spec 3.2). 3.1.1 return codes 0–5 map to the equivalent MQTT 5 reason codes and back.</summary>
internal static class MqttConnAckCodec
{
    public static void Encode(MqttConnAckPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        var v5 = version == MqttProtocolVersion.V500;
        var properties = default(MqttProperties);
        var propertiesLength = 0;
        var remainingLength = 2;
        if (v5)
        {
            properties = new MqttProperties
            {
                SessionExpiryInterval = packet.SessionExpiryInterval,
                ReceiveMaximum = packet.ReceiveMaximum,
                MaximumQoS = (byte?)packet.MaximumQoS,
                RetainAvailable = ToFlag(packet.RetainAvailable),
                MaximumPacketSize = packet.MaximumPacketSize,
                AssignedClientIdentifier = packet.AssignedClientIdentifier,
                TopicAliasMaximum = packet.TopicAliasMaximum,
                ReasonString = packet.ReasonString,
                WildcardSubscriptionAvailable = ToFlag(packet.WildcardSubscriptionAvailable),
                SubscriptionIdentifierAvailable = ToFlag(packet.SubscriptionIdentifiersAvailable),
                SharedSubscriptionAvailable = ToFlag(packet.SharedSubscriptionAvailable),
                ServerKeepAlive = packet.ServerKeepAlive,
                ResponseInformation = packet.ResponseInformation,
                ServerReference = packet.ServerReference,
                AuthenticationMethod = packet.AuthenticationMethod,
                AuthenticationData = packet.AuthenticationData,
                UserProperties = MqttProperties.NullIfEmpty(packet.UserProperties),
            };
            propertiesLength = properties.GetLength();
            remainingLength += MqttProperties.GetBlockSize(propertiesLength);
        }

        var writer = MqttPacketWriter.Begin(output, 0x20, remainingLength);
        writer.WriteByte(packet.SessionPresent ? (byte)1 : (byte)0);
        writer.WriteByte(v5 ? (byte)packet.ReasonCode : ToReturnCode(packet.ReasonCode));
        if (v5)
        {
            properties.Write(ref writer, propertiesLength);
        }

        writer.Complete(output);
    }

    public static MqttConnAckPacket Decode(ref MqttPacketReader reader, MqttProtocolVersion version)
    {
        var flags = reader.ReadByte();
        if ((flags & 0xFE) != 0)
        {
            MqttThrow.Malformed("Reserved CONNACK acknowledge flags are set.");
        }

        var code = reader.ReadByte();
        var packet = new MqttConnAckPacket { SessionPresent = flags == 1 };
        if (version != MqttProtocolVersion.V500)
        {
            packet.ReasonCode = FromReturnCode(code);
            return packet;
        }

        packet.ReasonCode = (MqttReasonCode)code;
        var properties = default(MqttProperties);
        properties.Read(ref reader, MqttPropertyContext.ConnAck);
        packet.SessionExpiryInterval = properties.SessionExpiryInterval;
        packet.ReceiveMaximum = properties.ReceiveMaximum;
        packet.MaximumQoS = (MqttQualityOfServiceLevel?)properties.MaximumQoS;
        packet.RetainAvailable = FromFlag(properties.RetainAvailable);
        packet.MaximumPacketSize = properties.MaximumPacketSize;
        packet.AssignedClientIdentifier = properties.AssignedClientIdentifier;
        packet.TopicAliasMaximum = properties.TopicAliasMaximum;
        packet.ReasonString = properties.ReasonString;
        packet.WildcardSubscriptionAvailable = FromFlag(properties.WildcardSubscriptionAvailable);
        packet.SubscriptionIdentifiersAvailable = FromFlag(properties.SubscriptionIdentifierAvailable);
        packet.SharedSubscriptionAvailable = FromFlag(properties.SharedSubscriptionAvailable);
        packet.ServerKeepAlive = properties.ServerKeepAlive;
        packet.ResponseInformation = properties.ResponseInformation;
        packet.ServerReference = properties.ServerReference;
        packet.AuthenticationMethod = properties.AuthenticationMethod;
        packet.AuthenticationData = properties.AuthenticationData;
        packet.UserProperties = properties.UserProperties;
        return packet;
    }

    private static byte? ToFlag(bool? value) => value is { } v ? (v ? (byte)1 : (byte)0) : null;

    private static bool? FromFlag(byte? value) => value is { } v ? v == 1 : null;

    private static MqttReasonCode FromReturnCode(byte code) => code switch
    {
        0 => MqttReasonCode.Success,
        1 => MqttReasonCode.UnsupportedProtocolVersion,
        2 => MqttReasonCode.ClientIdentifierNotValid,
        3 => MqttReasonCode.ServerUnavailable,
        4 => MqttReasonCode.BadUserNameOrPassword,
        5 => MqttReasonCode.NotAuthorized,
        _ => throw new MqttProtocolViolationException($"Unknown 3.1.1 CONNACK return code {code}.") { ReasonCode = MqttReasonCode.MalformedPacket },
    };

    private static byte ToReturnCode(MqttReasonCode code) => code switch
    {
        MqttReasonCode.Success => 0,
        MqttReasonCode.UnsupportedProtocolVersion => 1,
        MqttReasonCode.ClientIdentifierNotValid => 2,
        MqttReasonCode.ServerUnavailable => 3,
        MqttReasonCode.BadUserNameOrPassword => 4,
        MqttReasonCode.NotAuthorized => 5,
        _ => throw new MqttProtocolViolationException($"CONNACK reason {code} has no MQTT 3.1.1 return code.") { ReasonCode = MqttReasonCode.ProtocolError },
    };
}
