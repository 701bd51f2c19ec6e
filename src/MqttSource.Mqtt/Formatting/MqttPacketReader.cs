using System.Buffers.Binary;

namespace MqttSource.Mqtt.Formatting;

/// <summary>
/// Bounds-checked reader over the variable header and payload of one packet. Every read is checked against
/// the current limit (the packet end, or the end of a property block), so no length field can make it read
/// past the packet or allocate more than the bytes that are actually there.
/// </summary>
internal ref struct MqttPacketReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;
    private int _limit;

    public MqttPacketReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _limit = buffer.Length;
    }

    public readonly int Remaining => _limit - _position;

    public readonly bool End => _position == _limit;

    public byte ReadByte()
    {
        if (_position >= _limit)
        {
            MqttThrow.Malformed("Packet ends inside a field.");
        }

        return _buffer[_position++];
    }

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(ReadSpan(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(ReadSpan(4));

    public uint ReadVariableByteInteger()
    {
        if (!MqttVariableByteInteger.TryRead(_buffer[_position.._limit], out var value, out var size))
        {
            MqttThrow.Malformed("Packet ends inside a variable byte integer.");
        }

        _position += size;
        return value;
    }

    public ReadOnlySpan<byte> ReadSpan(int length)
    {
        if ((uint)length > (uint)(_limit - _position))
        {
            MqttThrow.Malformed("A length field points past the end of the packet.");
        }

        var span = _buffer.Slice(_position, length);
        _position += length;
        return span;
    }

    /// <summary>Reads a two-byte length followed by that many bytes.</summary>
    public ReadOnlySpan<byte> ReadLengthPrefixed() => ReadSpan(ReadUInt16());

    public string ReadString() => MqttUtf8.Decode(ReadLengthPrefixed());

    public byte[] ReadBinary() => ReadLengthPrefixed().ToArray();

    /// <summary>Reads a packet identifier, which must not be 0.</summary>
    public ushort ReadPacketIdentifier()
    {
        var id = ReadUInt16();
        if (id == 0)
        {
            MqttThrow.Malformed("Packet identifier 0 is not allowed.");
        }

        return id;
    }

    public ReadOnlySpan<byte> ReadToEnd() => ReadSpan(_limit - _position);

    /// <summary>Restricts reads to the next <paramref name="length"/> bytes; returns the token for <see cref="PopLimit"/>.</summary>
    public int PushLimit(int length)
    {
        if ((uint)length > (uint)(_limit - _position))
        {
            MqttThrow.Malformed("Property length points past the end of the packet.");
        }

        var previous = _limit;
        _limit = _position + length;
        return previous;
    }

    /// <summary>Restores the limit saved by <see cref="PushLimit"/>; the restricted block must be fully consumed.</summary>
    public void PopLimit(int previous)
    {
        if (_position != _limit)
        {
            MqttThrow.Malformed("Property block not fully consumed.");
        }

        _limit = previous;
    }

    /// <summary>Throws when bytes are left over after the last field.</summary>
    public readonly void EnsureEnd()
    {
        if (_position != _limit)
        {
            MqttThrow.Malformed("Unexpected bytes after the last field of the packet.");
        }
    }
}
