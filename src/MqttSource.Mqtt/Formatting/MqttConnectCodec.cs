using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>
/// CONNECT (spec 3.1). The protocol name must be "MQTT" and the protocol level must equal the version the caller
/// decodes with (otherwise the exception carries UnsupportedProtocolVersion); use
/// <see cref="MqttPacketFormatter.TryReadConnectProtocolLevel"/> to learn the level first.
/// </summary>
internal static class MqttConnectCodec
{
    private const byte CleanSessionFlag = 0x02;
    private const byte WillFlag = 0x04;
    private const byte WillRetainFlag = 0x20;
    private const byte PasswordFlag = 0x40;
    private const byte UserNameFlag = 0x80;

    /// <summary>Length-prefixed "MQTT".</summary>
    public static ReadOnlySpan<byte> ProtocolName => [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T'];

    public static void Encode(MqttConnectPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        var v5 = version == MqttProtocolVersion.V500;
        var will = packet.WillMessage;
        if (!v5 && packet.Password is not null && packet.Username is null)
        {
            MqttThrow.CannotEncode("MQTT 3.1.1 does not allow a password without a user name.");
        }

        var remainingLength = ProtocolName.Length + 1 + 1 + 2 + MqttUtf8.GetFieldSize(packet.ClientId);
        var properties = default(MqttProperties);
        var propertiesLength = 0;
        var willProperties = default(MqttProperties);
        var willPropertiesLength = 0;
        if (v5)
        {
            properties = new MqttProperties
            {
                SessionExpiryInterval = packet.SessionExpiryInterval == 0 ? null : packet.SessionExpiryInterval,
                AuthenticationMethod = packet.AuthenticationMethod,
                AuthenticationData = packet.AuthenticationData,
                RequestProblemInformation = packet.RequestProblemInformation ? null : (byte)0,
                RequestResponseInformation = packet.RequestResponseInformation ? (byte)1 : null,
                ReceiveMaximum = packet.ReceiveMaximum == 0 ? null : packet.ReceiveMaximum,
                TopicAliasMaximum = packet.TopicAliasMaximum == 0 ? null : packet.TopicAliasMaximum,
                UserProperties = MqttProperties.NullIfEmpty(packet.UserProperties),
                MaximumPacketSize = packet.MaximumPacketSize == 0 ? null : packet.MaximumPacketSize,
            };
            propertiesLength = properties.GetLength();
            remainingLength += MqttProperties.GetBlockSize(propertiesLength);
        }

        var flags = packet.CleanSession ? CleanSessionFlag : 0;
        if (will is not null)
        {
            if (will.QualityOfServiceLevel > MqttQualityOfServiceLevel.ExactlyOnce || will.Topic.Length == 0)
            {
                MqttThrow.CannotEncode("The will needs a topic and a QoS of 0, 1 or 2.");
            }

            MqttTopic.ValidateName(will.Topic);
            flags |= WillFlag | ((int)will.QualityOfServiceLevel << 3) | (will.Retain ? WillRetainFlag : 0);
            remainingLength += MqttUtf8.GetFieldSize(will.Topic) + MqttPacketWriter.GetBinarySize(will.Payload.Span);
            if (v5)
            {
                willProperties = MqttProperties.FromMessage(will);
                willProperties.WillDelayInterval = packet.WillDelayInterval == 0 ? null : packet.WillDelayInterval;
                willPropertiesLength = willProperties.GetLength();
                remainingLength += MqttProperties.GetBlockSize(willPropertiesLength);
            }
        }

        if (packet.Username is not null)
        {
            flags |= UserNameFlag;
            remainingLength += MqttUtf8.GetFieldSize(packet.Username);
        }

        if (packet.Password is { } password)
        {
            flags |= PasswordFlag;
            remainingLength += MqttPacketWriter.GetBinarySize(password.Span);
        }

        var writer = MqttPacketWriter.Begin(output, 0x10, remainingLength);
        writer.WriteBytes(ProtocolName);
        writer.WriteByte((byte)version);
        writer.WriteByte((byte)flags);
        writer.WriteUInt16(packet.KeepAliveSeconds);
        if (v5)
        {
            properties.Write(ref writer, propertiesLength);
        }

        writer.WriteString(packet.ClientId);
        if (will is not null)
        {
            if (v5)
            {
                willProperties.Write(ref writer, willPropertiesLength);
            }

            writer.WriteString(will.Topic);
            writer.WriteBinary(will.Payload.Span);
        }

        if (packet.Username is not null)
        {
            writer.WriteString(packet.Username);
        }

        if (packet.Password is { } passwordBytes)
        {
            writer.WriteBinary(passwordBytes.Span);
        }

        writer.Complete(output);
    }

    public static MqttConnectPacket Decode(ref MqttPacketReader reader, MqttProtocolVersion version)
    {
        if (!reader.ReadSpan(ProtocolName.Length).SequenceEqual(ProtocolName))
        {
            MqttThrow.Malformed("CONNECT protocol name is not MQTT.");
        }

        var level = reader.ReadByte();
        if (level != (byte)version)
        {
            throw new MqttProtocolViolationException($"CONNECT protocol level {level} does not match {version}.")
            {
                ReasonCode = MqttReasonCode.UnsupportedProtocolVersion,
            };
        }

        var flags = reader.ReadByte();
        var willQos = (flags >> 3) & 0x03;
        var hasWill = (flags & WillFlag) != 0;
        var v5 = version == MqttProtocolVersion.V500;
        if ((flags & 0x01) != 0
            || willQos == 3
            || (!hasWill && (flags & (WillRetainFlag | 0x18)) != 0)
            || (!v5 && (flags & (PasswordFlag | UserNameFlag)) == PasswordFlag))
        {
            MqttThrow.Malformed($"Invalid CONNECT flags 0x{flags:X2}.");
        }

        var packet = new MqttConnectPacket
        {
            CleanSession = (flags & CleanSessionFlag) != 0,
            KeepAliveSeconds = reader.ReadUInt16(),
        };
        if (v5)
        {
            var properties = default(MqttProperties);
            properties.Read(ref reader, MqttPropertyContext.Connect);
            packet.SessionExpiryInterval = properties.SessionExpiryInterval ?? 0;
            packet.ReceiveMaximum = properties.ReceiveMaximum ?? 0;
            packet.MaximumPacketSize = properties.MaximumPacketSize ?? 0;
            packet.TopicAliasMaximum = properties.TopicAliasMaximum ?? 0;
            packet.RequestResponseInformation = properties.RequestResponseInformation == 1;
            packet.RequestProblemInformation = properties.RequestProblemInformation != 0;
            packet.AuthenticationMethod = properties.AuthenticationMethod;
            packet.AuthenticationData = properties.AuthenticationData;
            packet.UserProperties = properties.UserProperties;
        }

        packet.ClientId = reader.ReadString();
        if (hasWill)
        {
            var will = new MqttApplicationMessage
            {
                QualityOfServiceLevel = (MqttQualityOfServiceLevel)willQos,
                Retain = (flags & WillRetainFlag) != 0,
            };
            if (v5)
            {
                var willProperties = default(MqttProperties);
                willProperties.Read(ref reader, MqttPropertyContext.Will);
                willProperties.ApplyTo(will);
                packet.WillDelayInterval = willProperties.WillDelayInterval ?? 0;
            }

            will.Topic = MqttTopic.ReadName(ref reader);
            if (will.Topic.Length == 0)
            {
                MqttThrow.Malformed("Empty will topic.");
            }

            will.Payload = reader.ReadBinary();
            packet.WillMessage = will;
        }

        if ((flags & UserNameFlag) != 0)
        {
            packet.Username = reader.ReadString();
        }

        if ((flags & PasswordFlag) != 0)
        {
            packet.Password = reader.ReadBinary();
        }

        return packet;
    }
}
