using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>
/// The pure MQTT codec: encodes packets into a buffer writer and decodes them from a byte sequence.
/// No I/O, no state beyond the protocol version.
/// </summary>
public static class MqttPacketFormatter
{
    /// <summary>Encodes <paramref name="packet"/> for <paramref name="version"/> into <paramref name="writer"/>.</summary>
    /// <exception cref="MqttProtocolViolationException">The packet cannot be encoded (e.g. a string over 65,535 bytes, AUTH in 3.1.1).</exception>
    public static void Encode(MqttPacket packet, MqttProtocolVersion version, IBufferWriter<byte> writer)
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// Tries to decode one packet from the start of <paramref name="buffer"/>.
    /// Returns false when more bytes are needed (nothing is allocated then); on success <paramref name="consumed"/>
    /// is the position just after the packet.
    /// </summary>
    /// <param name="buffer">Received bytes.</param>
    /// <param name="version">The negotiated protocol version.</param>
    /// <param name="maximumPacketSize">Largest whole packet accepted (fixed header included); checked before any allocation.</param>
    /// <param name="packet">The decoded packet.</param>
    /// <param name="consumed">Position after the packet.</param>
    /// <exception cref="MqttProtocolViolationException">Malformed input, or a packet larger than <paramref name="maximumPacketSize"/> (reason PacketTooLarge).</exception>
    public static bool TryDecode(in ReadOnlySequence<byte> buffer, MqttProtocolVersion version, uint maximumPacketSize, out MqttPacket? packet, out SequencePosition consumed)
    {
        throw new NotImplementedException();
    }
}
