using System.Buffers;
using MqttSource.Mqtt.Formatting;
using MqttSource.Mqtt.Packets;
using Xunit;

namespace MqttSource.Mqtt.Tests.Formatting;

/// <summary>Test shorthands over <see cref="MqttPacketFormatter"/>.</summary>
internal static class Codec
{
    public static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        var writer = new ArrayBufferWriter<byte>();
        MqttPacketFormatter.Encode(packet, version, writer);
        return writer.WrittenSpan.ToArray();
    }

    public static MqttPacket Decode(byte[] bytes, MqttProtocolVersion version, uint maximumPacketSize = 0) =>
        Decode(new ReadOnlySequence<byte>(bytes), version, maximumPacketSize);

    /// <summary>Decodes exactly one whole packet that fills the sequence.</summary>
    public static MqttPacket Decode(ReadOnlySequence<byte> sequence, MqttProtocolVersion version, uint maximumPacketSize = 0)
    {
        Assert.True(MqttPacketFormatter.TryDecode(sequence, version, maximumPacketSize, out var packet, out var consumed));
        Assert.NotNull(packet);
        Assert.Equal(0, sequence.Slice(consumed).Length);
        return packet;
    }

    public static bool TryDecode(byte[] bytes, MqttProtocolVersion version, uint maximumPacketSize = 0) =>
        MqttPacketFormatter.TryDecode(new ReadOnlySequence<byte>(bytes), version, maximumPacketSize, out _, out _);

    public static MqttProtocolViolationException DecodeFails(byte[] bytes, MqttProtocolVersion version, uint maximumPacketSize = 0) =>
        Assert.Throws<MqttProtocolViolationException>(() => TryDecode(bytes, version, maximumPacketSize));

    /// <summary>The bytes as a sequence of segments of <paramref name="chunkSize"/> bytes each.</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] bytes, int chunkSize = 1)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new ChunkSegment(bytes.AsMemory(0, Math.Min(chunkSize, bytes.Length)), 0);
        var last = first;
        for (var offset = chunkSize; offset < bytes.Length; offset += chunkSize)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(chunkSize, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
}
