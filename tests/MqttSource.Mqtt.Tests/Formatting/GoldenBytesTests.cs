using MqttSource.Mqtt.Formatting;
using Xunit;

namespace MqttSource.Mqtt.Tests.Formatting;

public sealed class GoldenBytesTests
{
    public static TheoryData<string> Cases => GoldenCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_GoldenPacket_ProducesSpecBytes(string name)
    {
        var golden = GoldenCases.Get(name);

        var bytes = Codec.Encode(golden.Packet(), golden.Version);

        Assert.Equal(golden.Hex.Replace(" ", string.Empty, StringComparison.Ordinal), Convert.ToHexString(bytes));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_GoldenBytes_YieldsPacket(string name)
    {
        var golden = GoldenCases.Get(name);

        var packet = Codec.Decode(golden.Bytes, golden.Version);

        Assert.Equal(PacketDump.Of(golden.Packet()), PacketDump.Of(packet));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_EveryProperPrefix_ReturnsFalse(string name)
    {
        var golden = GoldenCases.Get(name);
        var bytes = golden.Bytes;

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(Codec.TryDecode(bytes[..length], golden.Version), $"prefix of {length} bytes");
            Assert.False(MqttPacketFormatter.TryDecode(Codec.Chunked(bytes[..length]), golden.Version, 0, out _, out _), $"chunked prefix of {length} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_OneSegmentPerByte_MatchesContiguous(string name)
    {
        var golden = GoldenCases.Get(name);

        var packet = Codec.Decode(Codec.Chunked(golden.Bytes), golden.Version);

        Assert.Equal(PacketDump.Of(Codec.Decode(golden.Bytes, golden.Version)), PacketDump.Of(packet));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_TwoPacketsBackToBack_ConsumesFirstOnly(string name)
    {
        var golden = GoldenCases.Get(name);
        var bytes = golden.Bytes;
        var buffer = new System.Buffers.ReadOnlySequence<byte>([.. bytes, .. bytes]);

        Assert.True(MqttPacketFormatter.TryDecode(buffer, golden.Version, 0, out _, out var consumed));

        Assert.Equal(bytes.Length, buffer.Slice(0, consumed).Length);
    }
}
