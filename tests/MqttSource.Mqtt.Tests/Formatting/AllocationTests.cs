using System.Buffers;
using MqttSource.Mqtt.Formatting;
using MqttSource.Mqtt.Packets;
using Xunit;

namespace MqttSource.Mqtt.Tests.Formatting;

public sealed class AllocationTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryDecode_Qos1Publish_AllocatesOnlyPacketMessageTopicAndPayload(MqttProtocolVersion version)
    {
        var bytes = Codec.Encode(
            new MqttPublishPacket
            {
                PacketIdentifier = 7,
                Message = new MqttApplicationMessage { Topic = "sensors/room1/temperature", Payload = new byte[100], QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce },
            },
            version);
        var buffer = new ReadOnlySequence<byte>(bytes);
        MqttPacketFormatter.TryDecode(buffer, version, 0, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        MqttPacketFormatter.TryDecode(buffer, version, 0, out var packet, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Packet (~32 B) + message (~120 B) + 25-char string (~72 B) + 100-byte array (~128 B).
        Assert.IsType<MqttPublishPacket>(packet);
        Assert.InRange(allocated, 1, 400);
    }

    [Fact]
    public void Encode_Qos1Publish_AllocatesNothing()
    {
        var packet = new MqttPublishPacket
        {
            PacketIdentifier = 7,
            Message = new MqttApplicationMessage { Topic = "sensors/room1/temperature", Payload = new byte[100], QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce },
        };
        var writer = new ArrayBufferWriter<byte>(4096);
        MqttPacketFormatter.Encode(packet, MqttProtocolVersion.V500, writer);
        writer.ResetWrittenCount();

        var before = GC.GetAllocatedBytesForCurrentThread();
        MqttPacketFormatter.Encode(packet, MqttProtocolVersion.V500, writer);
        MqttPacketFormatter.Encode(packet, MqttProtocolVersion.V311, writer);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
