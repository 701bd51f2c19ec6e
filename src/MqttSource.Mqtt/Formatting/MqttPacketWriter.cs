using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;

namespace MqttSource.Mqtt.Formatting;

/// <summary>
/// Writes one packet straight into the span of an <see cref="IBufferWriter{T}"/>: the caller computes the remaining
/// length first, <see cref="Begin"/> asks for exactly that many bytes and writes the fixed header, and
/// <see cref="Complete"/> advances the buffer writer. No intermediate buffers.
/// </summary>
internal ref struct MqttPacketWriter
{
    private readonly Span<byte> _span;
    private int _position;

    private MqttPacketWriter(Span<byte> span)
    {
        _span = span;
    }

    public static MqttPacketWriter Begin(IBufferWriter<byte> output, byte fixedHeader, int remainingLength)
    {
        var total = GetPacketSize(remainingLength);
        var writer = new MqttPacketWriter(output.GetSpan(total)[..total]);
        writer.WriteByte(fixedHeader);
        writer.WriteVariableByteInteger((uint)remainingLength);
        return writer;
    }

    /// <summary>Size of a whole packet with the given remaining length.</summary>
    public static int GetPacketSize(int remainingLength)
    {
        if ((uint)remainingLength > MqttVariableByteInteger.MaxValue)
        {
            MqttThrow.CannotEncode($"Remaining length {remainingLength} exceeds {MqttVariableByteInteger.MaxValue} bytes.");
        }

        return 1 + MqttVariableByteInteger.GetSize((uint)remainingLength) + remainingLength;
    }

    /// <summary>Size of a binary data field (2-byte length prefix included).</summary>
    public static int GetBinarySize(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            MqttThrow.CannotEncode($"A binary field of {value.Length} bytes exceeds 65,535 bytes.");
        }

        return 2 + value.Length;
    }

    public readonly void Complete(IBufferWriter<byte> output)
    {
        Debug.Assert(_position == _span.Length, "Computed size and written bytes differ.");
        output.Advance(_position);
    }

    public void WriteByte(byte value) => _span[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_span[_position..], value);
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_span[_position..], value);
        _position += 4;
    }

    public void WriteVariableByteInteger(uint value) => _position += MqttVariableByteInteger.Write(value, _span[_position..]);

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_span[_position..]);
        _position += value.Length;
    }

    /// <summary>Writes a string measured earlier with <see cref="MqttUtf8.GetFieldSize"/>.</summary>
    public void WriteString(string value)
    {
        var count = MqttUtf8.Encode(value, _span[(_position + 2)..]);
        WriteUInt16((ushort)count);
        _position += count;
    }

    /// <summary>Writes a binary field measured earlier with <see cref="GetBinarySize"/>.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }
}
