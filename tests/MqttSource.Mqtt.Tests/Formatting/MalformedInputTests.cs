using MqttSource.Mqtt.Formatting;
using MqttSource.Mqtt.Packets;
using Xunit;

namespace MqttSource.Mqtt.Tests.Formatting;

public sealed class MalformedInputTests
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    [Fact]
    public void TryDecode_FifthRemainingLengthByte_ThrowsMalformed()
    {
        var ex = Codec.DecodeFails(Codec.Hex("30 FF FF FF FF 01"), V5);

        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_MaximumFourByteRemainingLength_ReturnsFalseWithoutLimit()
    {
        Assert.False(Codec.TryDecode(Codec.Hex("30 FF FF FF 7F 00 01 61"), V5));
    }

    [Fact]
    public void TryDecode_RemainingLengthBeyondData_ReturnsFalseUntilMaximumExceeded()
    {
        var bytes = Codec.Hex("30 7F 00 03 61 2F 62");

        Assert.False(Codec.TryDecode(bytes, V5, maximumPacketSize: 129));
        Assert.Equal(MqttReasonCode.PacketTooLarge, Codec.DecodeFails(bytes, V5, maximumPacketSize: 128).ReasonCode);
    }

    [Fact]
    public void TryDecode_PacketOverMaximumSize_ThrowsPacketTooLargeBeforeAllocating()
    {
        var bytes = Codec.Hex("30 FF FF FF 7F");
        Assert.Throws<MqttProtocolViolationException>(() => Codec.TryDecode(bytes, V5, 1_048_576));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Codec.DecodeFails(bytes, V5, 1_048_576);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(MqttReasonCode.PacketTooLarge, ex.ReasonCode);
        Assert.True(allocated < 16_384, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TryDecode_PartialPacket_AllocatesNothing()
    {
        var bytes = Codec.Hex("32 7F 00 03 61 2F 62 00 0A");
        Codec.TryDecode(bytes, V5);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var complete = Codec.TryDecode(bytes, V5);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(complete);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("30 04 0009 6162", V5)] // topic length past the end
    [InlineData("32 04 0001 61 00", V3)] // packet identifier cut short
    [InlineData("36 05 0001 61 000A", V3)] // QoS 3
    [InlineData("38 03 0001 61", V3)] // DUP on QoS 0
    [InlineData("21 02 00 00", V3)] // CONNACK reserved flags
    [InlineData("41 02 000A", V3)] // PUBACK reserved flags
    [InlineData("60 02 000A", V3)] // PUBREL must be 0010
    [InlineData("80 06 0001 0001 61 00", V3)] // SUBSCRIBE must be 0010
    [InlineData("A0 05 0001 0001 61", V3)] // UNSUBSCRIBE must be 0010
    [InlineData("C1 00", V3)] // PINGREQ reserved flags
    [InlineData("E1 00", V5)] // DISCONNECT reserved flags
    [InlineData("00 00", V5)] // packet type 0
    [InlineData("F0 00", V3)] // AUTH does not exist in 3.1.1
    [InlineData("30 04 0002 C328", V5)] // invalid UTF-8
    [InlineData("30 05 0003 EDA080", V5)] // UTF-8 encoded surrogate
    [InlineData("30 05 0003 C0AF61", V5)] // overlong encoding
    [InlineData("30 04 0002 6100", V3)] // U+0000
    [InlineData("30 05 0003 612F2B", V3)] // + in a topic name
    [InlineData("30 03 0001 23", V3)] // # in a topic name
    [InlineData("32 05 0001 61 0000", V3)] // PUBLISH packet identifier 0
    [InlineData("40 02 0000", V5)] // PUBACK packet identifier 0
    [InlineData("82 06 0000 0001 61 00", V3)] // SUBSCRIBE packet identifier 0
    [InlineData("40 03 000A 00", V3)] // 3.1.1 PUBACK with a trailing byte
    [InlineData("C0 01 00", V3)] // PINGREQ with a body
    [InlineData("E0 01 00", V3)] // 3.1.1 DISCONNECT with a body
    [InlineData("20 02 00 06", V3)] // unknown 3.1.1 CONNACK return code
    [InlineData("20 02 02 00", V5)] // CONNACK acknowledge flags reserved bits
    [InlineData("90 03 0001 03", V3)] // 3.1.1 SUBACK return code 3
    [InlineData("82 06 0001 0001 61 04", V3)] // 3.1.1 subscription options reserved bits
    [InlineData("82 07 0001 00 0001 61 40", V5)] // 5.0 subscription options reserved bits
    [InlineData("82 07 0001 00 0001 61 30", V5)] // retain handling 3
    [InlineData("82 07 0001 00 0001 61 03", V5)] // subscription QoS 3
    [InlineData("82 08 0001 0003 612B62 01", V3)] // + not a whole level
    [InlineData("82 08 0001 0003 23 2F61 01", V3)] // # not last
    [InlineData("82 05 0001 0000 01", V3)] // empty topic filter
    [InlineData("30 06 0001 61 02 0500", V5)] // unknown property 0x05
    [InlineData("30 07 0001 61 03 8102 00", V5)] // two-byte property identifier 0x101 (not 0x01)
    [InlineData("30 05 0001 61 09 01", V5)] // property length past the end
    [InlineData("30 07 0001 61 01 02 0000", V5)] // property value crosses the end of the property block
    [InlineData("30 08 0001 61 FFFFFFFF01", V5)] // property length as a 5-byte variable byte integer
    [InlineData("30 06 0001 61 02 0B 80", V5)] // subscription identifier cut short
    [InlineData("10 0D 0004 4D515455 04 02 0000 0001 63", V3)] // protocol name not MQTT
    [InlineData("10 0D 0004 4D515454 04 03 0000 0001 63", V3)] // CONNECT reserved flag
    [InlineData("10 0D 0004 4D515454 04 1A 0000 0001 63", V3)] // will QoS 3 without will
    [InlineData("10 0D 0004 4D515454 04 20 0000 0001 63", V3)] // will retain without will
    [InlineData("10 10 0004 4D515454 04 40 0000 0001 63 0001 70", V3)] // 3.1.1 password without user name
    [InlineData("10 15 0004 4D515454 04 06 0000 0001 63 0001 2B 0003 627965", V3)] // wildcard in will topic
    public void TryDecode_MalformedPacket_ThrowsMalformed(string hex, MqttProtocolVersion version)
    {
        var ex = Codec.DecodeFails(Codec.Hex(hex), version);

        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Theory]
    [InlineData("30 08 0001 61 04 0101 0101", V5)] // duplicate Payload Format Indicator
    [InlineData("82 0B 0001 04 0B01 0B02 0001 61 00", V5)] // two subscription identifiers in SUBSCRIBE
    [InlineData("30 09 0001 61 05 11 00000000", V5)] // Session Expiry Interval not allowed in PUBLISH
    [InlineData("40 08 000A 00 04 15 0001 6D", V5)] // Authentication Method not allowed in PUBACK
    [InlineData("30 06 0001 61 02 0102", V5)] // Payload Format Indicator 2
    [InlineData("20 06 00 00 03 21 0000", V5)] // Receive Maximum 0
    [InlineData("20 05 00 00 02 24 02", V5)] // Maximum QoS 2
    [InlineData("30 07 0001 61 03 230000", V5)] // Topic Alias 0
    [InlineData("30 03 0000 00", V5)] // empty topic without a topic alias
    [InlineData("30 02 0000", V3)] // empty topic name
    [InlineData("82 02 0001", V3)] // SUBSCRIBE without filters
    [InlineData("A2 03 0001 00", V5)] // UNSUBSCRIBE without filters
    [InlineData("90 03 0001 00", V5)] // SUBACK without reason codes
    public void TryDecode_ProtocolError_ThrowsProtocolError(string hex, MqttProtocolVersion version)
    {
        var ex = Codec.DecodeFails(Codec.Hex(hex), version);

        Assert.Equal(MqttReasonCode.ProtocolError, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_ConnectLevelDiffersFromVersion_ThrowsUnsupportedProtocolVersion()
    {
        var ex = Codec.DecodeFails(Codec.Hex("10 0D 0004 4D515454 04 02 0000 0001 63"), V5);

        Assert.Equal(MqttReasonCode.UnsupportedProtocolVersion, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_EmptyTopicWithAlias_Decodes()
    {
        var packet = (MqttPublishPacket)Codec.Decode(Codec.Hex("30 06 0000 03 230001"), V5);

        Assert.Equal(string.Empty, packet.Message.Topic);
        Assert.Equal(1, packet.Message.TopicAlias);
    }

    [Fact]
    public void TryDecode_RepeatedSubscriptionIdentifiersInPublish_KeepsAll()
    {
        var packet = (MqttPublishPacket)Codec.Decode(Codec.Hex("30 08 0001 61 04 0B01 0B02"), V5);

        Assert.Equal([1u, 2u], packet.Message.SubscriptionIdentifiers);
    }

    [Theory]
    [InlineData("40 04 000A 00 00")]
    [InlineData("40 03 000A 00")]
    [InlineData("40 02 000A")]
    public void TryDecode_V5AckShortForms_DecodeAsSuccess(string hex)
    {
        var packet = (MqttPubAckPacket)Codec.Decode(Codec.Hex(hex), V5);

        Assert.Equal(MqttReasonCode.Success, packet.ReasonCode);
        Assert.Null(packet.UserProperties);
    }

    [Fact]
    public void TryReadConnectProtocolLevel_ConnectPrefix_ReturnsLevel()
    {
        var bytes = Codec.Hex("10 0D 0004 4D515454 05");

        Assert.False(MqttPacketFormatter.TryReadConnectProtocolLevel(new(bytes[..8]), out _));
        Assert.True(MqttPacketFormatter.TryReadConnectProtocolLevel(new(bytes), out var level));
        Assert.Equal(5, level);
    }
}
