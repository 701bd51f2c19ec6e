using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>
/// The pure MQTT codec: encodes packets into a buffer writer and decodes them from a byte sequence.
/// No I/O, no state beyond the protocol version.
/// </summary>
/// <remarks>
/// Encoding for MQTT 3.1.1 silently omits everything 3.1.1 cannot carry (properties, reason codes of acks and
/// DISCONNECT, UNSUBACK reason codes); it throws for things that would change meaning: AUTH, a CONNACK reason
/// without a 3.1.1 return code, a SUBACK code other than granted QoS or a failure, a password without a user name.
/// Decoding CONNECT requires the packet's protocol level to equal the version passed in.
/// </remarks>
public static class MqttPacketFormatter
{
    /// <summary>Encodes <paramref name="packet"/> for <paramref name="version"/> into <paramref name="writer"/>.</summary>
    /// <exception cref="MqttProtocolViolationException">The packet cannot be encoded (e.g. a string over 65,535 bytes, AUTH in 3.1.1).</exception>
    public static void Encode(MqttPacket packet, MqttProtocolVersion version, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(writer);
        CheckVersion(version);
        switch (packet)
        {
            case MqttPublishPacket publish:
                MqttPublishCodec.Encode(publish, version, writer);
                break;
            case MqttAckPacket ack:
                MqttPublishAckCodec.Encode(ack, version, writer);
                break;
            case MqttConnectPacket connect:
                MqttConnectCodec.Encode(connect, version, writer);
                break;
            case MqttConnAckPacket connAck:
                MqttConnAckCodec.Encode(connAck, version, writer);
                break;
            case MqttSubscribePacket subscribe:
                MqttSubscribeCodec.Encode(subscribe, version, writer);
                break;
            case MqttUnsubscribePacket unsubscribe:
                MqttUnsubscribeCodec.Encode(unsubscribe, version, writer);
                break;
            case MqttSubAckPacket or MqttUnsubAckPacket:
                MqttReasonCodeListCodec.Encode(packet, version, writer);
                break;
            case MqttPingReqPacket or MqttPingRespPacket:
                MqttPacketWriter.Begin(writer, (byte)((int)packet.PacketType << 4), 0).Complete(writer);
                break;
            case MqttDisconnectPacket disconnect:
                MqttDisconnectCodec.Encode(disconnect, version, writer);
                break;
            case MqttAuthPacket auth:
                MqttAuthCodec.Encode(auth, version, writer);
                break;
            default:
                throw new ArgumentException($"Unknown packet type {packet.GetType().Name}.", nameof(packet));
        }
    }

    /// <summary>
    /// Tries to decode one packet from the start of <paramref name="buffer"/>.
    /// Returns false when more bytes are needed (nothing is allocated then); on success <paramref name="consumed"/>
    /// is the position just after the packet.
    /// </summary>
    /// <param name="buffer">Received bytes.</param>
    /// <param name="version">The negotiated protocol version.</param>
    /// <param name="maximumPacketSize">Largest whole packet accepted (fixed header included); checked before any allocation. 0 = no limit beyond the protocol's.</param>
    /// <param name="packet">The decoded packet.</param>
    /// <param name="consumed">Position after the packet.</param>
    /// <exception cref="MqttProtocolViolationException">Malformed input, or a packet larger than <paramref name="maximumPacketSize"/> (reason PacketTooLarge).</exception>
    public static bool TryDecode(in ReadOnlySequence<byte> buffer, MqttProtocolVersion version, uint maximumPacketSize, out MqttPacket? packet, out SequencePosition consumed)
    {
        CheckVersion(version);
        packet = null;
        consumed = buffer.Start;
        try
        {
            if (!MqttFixedHeader.TryRead(buffer, version, out var header))
            {
                return false;
            }

            var size = header.PacketSize;
            if (maximumPacketSize != 0 && size > maximumPacketSize)
            {
                MqttThrow.PacketTooLarge(size, maximumPacketSize);
            }

            if (buffer.Length < size)
            {
                return false;
            }

            var first = buffer.FirstSpan;
            if (first.Length >= size)
            {
                packet = DecodeBody(header, version, first.Slice(header.Size, header.RemainingLength));
            }
            else
            {
                packet = DecodeCopy(header, version, buffer.Slice(header.Size, header.RemainingLength));
            }

            consumed = buffer.GetPosition(size);
            return true;
        }
        catch (Exception ex) when (ex is not MqttProtocolViolationException)
        {
            throw new MqttProtocolViolationException("Malformed packet: " + ex.Message, ex) { ReasonCode = MqttReasonCode.MalformedPacket };
        }
    }

    /// <summary>
    /// For a server: reads the protocol level byte of a CONNECT at the start of <paramref name="buffer"/> so it can
    /// pick the version for <see cref="TryDecode"/>. False when more bytes are needed.
    /// </summary>
    /// <exception cref="MqttProtocolViolationException">The buffer does not start with a CONNECT.</exception>
    public static bool TryReadConnectProtocolLevel(in ReadOnlySequence<byte> buffer, out byte protocolLevel)
    {
        protocolLevel = 0;
        if (!MqttFixedHeader.TryRead(buffer, MqttProtocolVersion.V311, out var header))
        {
            return false;
        }

        if (header.Type != MqttPacketType.Connect || header.RemainingLength < 7)
        {
            MqttThrow.ProtocolError("The first packet must be a CONNECT.");
        }

        var offset = header.Size + MqttConnectCodec.ProtocolName.Length;
        if (buffer.Length <= offset)
        {
            return false;
        }

        protocolLevel = buffer.Slice(offset, 1).FirstSpan[0];
        return true;
    }

    private static MqttPacket DecodeCopy(MqttFixedHeader header, MqttProtocolVersion version, ReadOnlySequence<byte> body)
    {
        var rented = ArrayPool<byte>.Shared.Rent(header.RemainingLength);
        try
        {
            body.CopyTo(rented);
            return DecodeBody(header, version, rented.AsSpan(0, header.RemainingLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static MqttPacket DecodeBody(MqttFixedHeader header, MqttProtocolVersion version, ReadOnlySpan<byte> body)
    {
        var reader = new MqttPacketReader(body);
        MqttPacket packet = header.Type switch
        {
            MqttPacketType.Publish => MqttPublishCodec.Decode(ref reader, header.Flags, version),
            MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp
                => MqttPublishAckCodec.Decode(ref reader, header.Type, version),
            MqttPacketType.Connect => MqttConnectCodec.Decode(ref reader, version),
            MqttPacketType.ConnAck => MqttConnAckCodec.Decode(ref reader, version),
            MqttPacketType.Subscribe => MqttSubscribeCodec.Decode(ref reader, version),
            MqttPacketType.SubAck or MqttPacketType.UnsubAck => MqttReasonCodeListCodec.Decode(ref reader, header.Type, version),
            MqttPacketType.Unsubscribe => MqttUnsubscribeCodec.Decode(ref reader, version),
            MqttPacketType.PingReq => MqttPingReqPacket.Instance,
            MqttPacketType.PingResp => MqttPingRespPacket.Instance,
            MqttPacketType.Disconnect => MqttDisconnectCodec.Decode(ref reader, version),
            _ => MqttAuthCodec.Decode(ref reader),
        };
        reader.EnsureEnd();
        return packet;
    }

    private static void CheckVersion(MqttProtocolVersion version)
    {
        if (version is not (MqttProtocolVersion.V311 or MqttProtocolVersion.V500))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Unsupported MQTT protocol version.");
        }
    }
}
