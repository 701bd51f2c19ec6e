using System.Buffers;
using MqttSource.Mqtt.Formatting;
using MqttSource.Mqtt.Packets;
using Xunit;

namespace MqttSource.Mqtt.Tests.Formatting;

public sealed class EncodeLimitTests
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    [Fact]
    public void Encode_TopicOf65535Bytes_Succeeds()
    {
        var bytes = Codec.Encode(Publish(new string('a', 65_535)), V3);

        Assert.Equal(1 + 3 + 2 + 65_535, bytes.Length);
    }

    [Fact]
    public void Encode_TopicOver65535Bytes_Throws()
    {
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(Publish(new string('a', 65_536)), V3));
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(Publish(new string('é', 32_768)), V3));
    }

    [Fact]
    public void Encode_PasswordOver65535Bytes_Throws()
    {
        var packet = new MqttConnectPacket { ClientId = "c", Username = "u", Password = new byte[65_536] };

        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(packet, V5));
    }

    [Fact]
    public void Encode_UserPropertyOver65535Bytes_Throws()
    {
        var packet = new MqttPubAckPacket { PacketIdentifier = 1, UserProperties = [new MqttUserProperty("k", new string('v', 65_536))] };

        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(packet, V5));
    }

    [Fact]
    public void Encode_RemainingLengthOverMaximum_ThrowsWithoutWriting()
    {
        var packet = Publish("t");
        packet.Message.Payload = GC.AllocateUninitializedArray<byte>(268_435_455);
        var writer = new ArrayBufferWriter<byte>(16);

        Assert.Throws<MqttProtocolViolationException>(() => MqttPacketFormatter.Encode(packet, V3, writer));
        Assert.Equal(0, writer.WrittenCount);
    }

    [Theory]
    [InlineData("a/+")]
    [InlineData("#")]
    [InlineData("a\0b")]
    public void Encode_InvalidTopicName_Throws(string topic)
    {
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(Publish(topic), V5));
    }

    [Fact]
    public void Encode_LoneSurrogate_Throws()
    {
        var topic = "a" + (char)0xD800;

        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(Publish(topic), MqttProtocolVersion.V500));
    }

    [Fact]
    public void Encode_EmptyTopicWithoutAlias_Throws()
    {
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(Publish(string.Empty), V5));
        var aliased = Publish(string.Empty);
        aliased.Message.TopicAlias = 1;
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(aliased, V3));
        Assert.NotEmpty(Codec.Encode(aliased, V5));
    }

    [Fact]
    public void Encode_PacketIdentifierInconsistentWithQoS_Throws()
    {
        var qos0WithId = Publish("t");
        qos0WithId.PacketIdentifier = 1;
        var qos1WithoutId = Publish("t");
        qos1WithoutId.Message.QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce;

        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(qos0WithId, V5));
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(qos1WithoutId, V5));
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(new MqttPubAckPacket(), V5));
    }

    [Fact]
    public void Encode_AuthFor311_Throws()
    {
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(new MqttAuthPacket(), V3));
    }

    [Fact]
    public void Encode_ConnAckReasonWithout311Equivalent_Throws()
    {
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(new MqttConnAckPacket { ReasonCode = MqttReasonCode.Banned }, V3));
    }

    [Fact]
    public void Encode_311SubAckFailureCodes_MapTo0x80()
    {
        var bytes = Codec.Encode(new MqttSubAckPacket { PacketIdentifier = 1, ReasonCodes = [MqttReasonCode.NotAuthorized, MqttReasonCode.GrantedQoS2] }, V3);

        Assert.Equal("9004000180" + "02", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Encode_311Publish_OmitsProperties()
    {
        var plain = Publish("t");
        var withProperties = Publish("t");
        withProperties.Message.ContentType = "text/plain";
        withProperties.Message.UserProperties = [new MqttUserProperty("a", "b")];

        Assert.Equal(Codec.Encode(plain, V3), Codec.Encode(withProperties, V3));
    }

    [Fact]
    public void Encode_311PasswordWithoutUserName_Throws()
    {
        var packet = new MqttConnectPacket { ClientId = "c", Password = new byte[] { 1 } };

        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(packet, V3));
        Assert.NotEmpty(Codec.Encode(packet, V5));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/#/b")]
    [InlineData("a+")]
    public void Encode_InvalidTopicFilter_Throws(string filter)
    {
        var packet = new MqttSubscribePacket { PacketIdentifier = 1, TopicFilters = [new MqttTopicFilter { Topic = filter }] };

        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(packet, V3));
    }

    [Fact]
    public void Encode_PropertyValuesTheDecoderRejects_Throw()
    {
        var badMaximumQoS = new MqttConnAckPacket { MaximumQoS = MqttQualityOfServiceLevel.ExactlyOnce };
        var zeroReceiveMaximum = new MqttConnAckPacket { ReceiveMaximum = 0 };
        var zeroSubscriptionIdentifier = Publish("t");
        zeroSubscriptionIdentifier.Message.SubscriptionIdentifiers = [0];

        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(badMaximumQoS, V5));
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(zeroReceiveMaximum, V5));
        Assert.Throws<MqttProtocolViolationException>(() => Codec.Encode(zeroSubscriptionIdentifier, V5));
    }

    private static MqttPublishPacket Publish(string topic) => new() { Message = new MqttApplicationMessage { Topic = topic } };
}
