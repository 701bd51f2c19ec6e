using System.Buffers;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Formatting;

/// <summary>The fixed header: packet type, flags and the remaining length (spec 2.1).</summary>
internal readonly struct MqttFixedHeader
{
    private MqttFixedHeader(byte first, int remainingLength, int size)
    {
        First = first;
        RemainingLength = remainingLength;
        Size = size;
    }

    public byte First { get; }

    public MqttPacketType Type => (MqttPacketType)(First >> 4);

    public int Flags => First & 0x0F;

    public int RemainingLength { get; }

    /// <summary>Bytes of the fixed header itself (2 to 5).</summary>
    public int Size { get; }

    /// <summary>Whole packet size.</summary>
    public long PacketSize => (long)Size + RemainingLength;

    /// <summary>
    /// Reads the fixed header without allocating. False when the buffer ends inside it; throws for a remaining
    /// length over 4 bytes, an unknown packet type or flags the type does not allow.
    /// </summary>
    public static bool TryRead(in ReadOnlySequence<byte> buffer, MqttProtocolVersion version, out MqttFixedHeader header)
    {
        header = default;
        scoped ReadOnlySpan<byte> head = buffer.FirstSpan;
        Span<byte> copy = stackalloc byte[5];
        if (head.Length < 5 && !buffer.IsSingleSegment)
        {
            var available = (int)Math.Min(5, buffer.Length);
            buffer.Slice(0, available).CopyTo(copy);
            head = copy[..available];
        }

        if (head.IsEmpty)
        {
            return false;
        }

        var first = head[0];
        Validate((MqttPacketType)(first >> 4), first & 0x0F, version);
        if (!MqttVariableByteInteger.TryRead(head[1..], out var remainingLength, out var size))
        {
            return false;
        }

        header = new MqttFixedHeader(first, (int)remainingLength, 1 + size);
        return true;
    }

    private static void Validate(MqttPacketType type, int flags, MqttProtocolVersion version)
    {
        switch (type)
        {
            case 0:
                MqttThrow.Malformed("Packet type 0 is reserved.");
                break;
            case MqttPacketType.Auth when version != MqttProtocolVersion.V500:
                MqttThrow.Malformed("Packet type 15 is reserved in MQTT 3.1.1.");
                break;
            case MqttPacketType.Publish:
                var qos = (flags >> 1) & 0x03;
                if (qos == 3)
                {
                    MqttThrow.Malformed("PUBLISH with QoS 3.");
                }

                if (qos == 0 && (flags & 0x08) != 0)
                {
                    MqttThrow.Malformed("PUBLISH with QoS 0 and DUP set.");
                }

                break;
            case MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe:
                if (flags != 0x02)
                {
                    MqttThrow.Malformed($"{type} fixed header flags must be 0010.");
                }

                break;
            default:
                if (flags != 0)
                {
                    MqttThrow.Malformed($"{type} fixed header flags are reserved and must be 0.");
                }

                break;
        }
    }
}
