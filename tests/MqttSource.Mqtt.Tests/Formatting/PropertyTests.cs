using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using MqttSource.Mqtt.Formatting;
using Xunit;

namespace MqttSource.Mqtt.Tests.Formatting;

public sealed class PropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1_000);

    private static Arbitrary<(int Seed, MqttProtocolVersion Version)> SeedAndVersion =>
        Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Elements(MqttProtocolVersion.V311, MqttProtocolVersion.V500)).ToArbitrary();

    [Fact]
    public void EncodeThenDecode_RandomPacket_YieldsEqualPacket()
    {
        Check.One(Config, Prop.ForAll(SeedAndVersion, input =>
        {
            var packet = new RandomPackets(input.Seed, input.Version).Next();
            var bytes = Codec.Encode(packet, input.Version);

            var decoded = Codec.Decode(bytes, input.Version, maximumPacketSize: (uint)bytes.Length);

            Assert.Equal(PacketDump.Of(packet), PacketDump.Of(decoded));
            Assert.Equal(bytes, Codec.Encode(decoded, input.Version));
        }));
    }

    [Fact]
    public void Decode_RandomPacketInRandomChunks_MatchesContiguous()
    {
        Check.One(Config, Prop.ForAll(SeedAndVersion, input =>
        {
            var bytes = Codec.Encode(new RandomPackets(input.Seed, input.Version).Next(), input.Version);
            var chunkSize = 1 + (input.Seed % 7);

            var decoded = Codec.Decode(Codec.Chunked(bytes, chunkSize), input.Version);

            Assert.Equal(bytes, Codec.Encode(decoded, input.Version));
        }));
    }

    [Fact]
    public void TryDecode_RandomBytes_OnlyReturnsOrThrowsProtocolViolation()
    {
        var garbage = Gen.Zip(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(), Gen.Elements(MqttProtocolVersion.V311, MqttProtocolVersion.V500)).ToArbitrary();

        Check.One(Config.WithMaxTest(5_000), Prop.ForAll(garbage, input => DecodeAll(input.Item1, input.Item2)));
    }

    [Fact]
    public void TryDecode_MutatedValidPacket_OnlyReturnsOrThrowsProtocolViolation()
    {
        var mutations = Gen.Zip(SeedAndVersion.Generator, Gen.Choose(0, int.MaxValue)).ToArbitrary();

        Check.One(Config.WithMaxTest(5_000), Prop.ForAll(mutations, input =>
        {
            var ((seed, version), mutation) = input;
            var bytes = Codec.Encode(new RandomPackets(seed, version).Next(), version);
            var random = new Random(mutation);
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            DecodeAll(bytes, version);
            DecodeAll(bytes[..random.Next(bytes.Length + 1)], version);
        }));
    }

    /// <summary>Decodes packets until the bytes run out or are incomplete; anything but a protocol violation fails.</summary>
    private static void DecodeAll(byte[] bytes, MqttProtocolVersion version)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        try
        {
            while (MqttPacketFormatter.TryDecode(buffer, version, 65_536, out var packet, out var consumed))
            {
                Assert.NotNull(packet);
                Assert.NotEqual(0, buffer.Slice(0, consumed).Length);
                buffer = buffer.Slice(consumed);
            }
        }
        catch (MqttProtocolViolationException)
        {
        }
    }
}
