using System.Text;
using MqttSource.Mqtt.Packets;
using Xunit;

namespace MqttSource.Mqtt.Tests.Formatting;

/// <summary>Hand-written packets and their bytes, worked out from the OASIS MQTT 3.1.1 and 5.0 packet layouts.</summary>
internal static class GoldenCases
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    public static readonly IReadOnlyList<GoldenCase> All =
    [
        // CONNECT 3.1.1: flags user|password|will retain|will QoS 1|will|clean = 0xEE, keep alive 60.
        new("Connect311Full", V3, () => new MqttConnectPacket
        {
            ClientId = "c1",
            KeepAliveSeconds = 60,
            Username = "u",
            Password = Bytes("p"),
            WillMessage = new MqttApplicationMessage { Topic = "w", Payload = Bytes("bye"), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, Retain = true },
        }, "10 1C 0004 4D515454 04 EE 003C 0002 6331 0001 77 0003 627965 0001 75 0001 70"),
        new("Connect311Minimal", V3, () => new MqttConnectPacket { ClientId = "c", CleanSession = false },
            "10 0D 0004 4D515454 04 00 0000 0001 63"),

        // CONNECT 5.0: properties session expiry 3600, receive maximum 20, user property k=v, maximum packet size 1 MiB.
        new("Connect5Properties", V5, () => new MqttConnectPacket
        {
            ClientId = "c",
            KeepAliveSeconds = 30,
            SessionExpiryInterval = 3600,
            ReceiveMaximum = 20,
            MaximumPacketSize = 1_048_576,
            UserProperties = [new MqttUserProperty("k", "v")],
        }, "10 22 0004 4D515454 05 02 001E 14 11 00000E10 21 0014 26 0001 6B 0001 76 27 00100000 0001 63"),

        // CONNECT 5.0 with a will carrying Content Type and Will Delay Interval.
        new("Connect5Will", V5, () => new MqttConnectPacket
        {
            ClientId = "c",
            CleanSession = false,
            WillDelayInterval = 5,
            WillMessage = new MqttApplicationMessage { Topic = "w", ContentType = "t" },
        }, "10 1D 0004 4D515454 05 04 0000 00 0001 63 09 03 0001 74 18 00000005 0001 77 0000"),

        new("ConnAck311Accepted", V3, () => new MqttConnAckPacket(), "20 02 00 00"),
        new("ConnAck311SessionPresent", V3, () => new MqttConnAckPacket { SessionPresent = true }, "20 02 01 00"),
        new("ConnAck311Code1", V3, () => new MqttConnAckPacket { ReasonCode = MqttReasonCode.UnsupportedProtocolVersion }, "20 02 00 01"),
        new("ConnAck311Code2", V3, () => new MqttConnAckPacket { ReasonCode = MqttReasonCode.ClientIdentifierNotValid }, "20 02 00 02"),
        new("ConnAck311Code3", V3, () => new MqttConnAckPacket { ReasonCode = MqttReasonCode.ServerUnavailable }, "20 02 00 03"),
        new("ConnAck311Code4", V3, () => new MqttConnAckPacket { ReasonCode = MqttReasonCode.BadUserNameOrPassword }, "20 02 00 04"),
        new("ConnAck311Code5", V3, () => new MqttConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized }, "20 02 00 05"),
        new("ConnAck5Success", V5, () => new MqttConnAckPacket(), "20 03 00 00 00"),
        new("ConnAck5NotAuthorized", V5, () => new MqttConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized }, "20 03 00 87 00"),
        new("ConnAck5Properties", V5, () => new MqttConnAckPacket
        {
            SessionPresent = true,
            AssignedClientIdentifier = "a",
            ReceiveMaximum = 10,
            TopicAliasMaximum = 5,
            MaximumQoS = MqttQualityOfServiceLevel.AtLeastOnce,
        }, "20 0F 01 00 0C 12 0001 61 21 000A 22 0005 24 01"),

        new("Publish311QoS0", V3, () => Publish(0, MqttQualityOfServiceLevel.AtMostOnce), "30 07 0003 612F62 6869"),
        new("Publish311QoS1Retain", V3, () => Publish(10, MqttQualityOfServiceLevel.AtLeastOnce, retain: true), "33 09 0003 612F62 000A 6869"),
        new("Publish311QoS2Dup", V3, () => Publish(0x1234, MqttQualityOfServiceLevel.ExactlyOnce, dup: true), "3C 09 0003 612F62 1234 6869"),
        new("Publish5QoS0", V5, () => Publish(0, MqttQualityOfServiceLevel.AtMostOnce), "30 08 0003 612F62 00 6869"),
        new("Publish5QoS1Properties", V5, () =>
        {
            var packet = Publish(10, MqttQualityOfServiceLevel.AtLeastOnce);
            var message = packet.Message;
            message.PayloadFormatIndicator = 1;
            message.MessageExpiryInterval = 60;
            message.ContentType = "t";
            message.ResponseTopic = "r";
            message.CorrelationData = new byte[] { 1, 2 };
            message.SubscriptionIdentifiers = [300];
            message.TopicAlias = 3;
            message.UserProperties = [new MqttUserProperty("k", "v")];
            return packet;
        }, "32 2B 0003 612F62 000A 21 01 01 02 0000003C 03 0001 74 08 0001 72 09 0002 0102 0B AC02 23 0003 26 0001 6B 0001 76 6869"),
        new("Publish5QoS2", V5, () => Publish(7, MqttQualityOfServiceLevel.ExactlyOnce), "34 0A 0003 612F62 0007 00 6869"),

        new("PubAck311", V3, () => new MqttPubAckPacket { PacketIdentifier = 10 }, "40 02 000A"),
        new("PubRec311", V3, () => new MqttPubRecPacket { PacketIdentifier = 10 }, "50 02 000A"),
        new("PubRel311", V3, () => new MqttPubRelPacket { PacketIdentifier = 10 }, "62 02 000A"),
        new("PubComp311", V3, () => new MqttPubCompPacket { PacketIdentifier = 10 }, "70 02 000A"),
        new("PubAck5Success", V5, () => new MqttPubAckPacket { PacketIdentifier = 10 }, "40 02 000A"),
        new("PubAck5ReasonOnly", V5, () => new MqttPubAckPacket { PacketIdentifier = 10, ReasonCode = MqttReasonCode.NoMatchingSubscribers }, "40 03 000A 10"),
        new("PubRec5ReasonString", V5, () => new MqttPubRecPacket { PacketIdentifier = 10, ReasonCode = MqttReasonCode.UnspecifiedError, ReasonString = "x" }, "50 08 000A 80 04 1F 0001 78"),
        new("PubRel5NotFound", V5, () => new MqttPubRelPacket { PacketIdentifier = 10, ReasonCode = MqttReasonCode.PacketIdentifierNotFound }, "62 03 000A 92"),
        new("PubComp5UserProperty", V5, () => new MqttPubCompPacket { PacketIdentifier = 10, UserProperties = [new MqttUserProperty("k", "v")] }, "70 0B 000A 00 07 26 0001 6B 0001 76"),

        new("Subscribe311", V3, () => new MqttSubscribePacket
        {
            PacketIdentifier = 1,
            TopicFilters = [Filter("a/+", MqttQualityOfServiceLevel.AtLeastOnce), Filter("b/#", MqttQualityOfServiceLevel.ExactlyOnce)],
        }, "82 0E 0001 0003 612F2B 01 0003 622F23 02"),
        new("Subscribe5Options", V5, () => new MqttSubscribePacket
        {
            PacketIdentifier = 1,
            SubscriptionIdentifier = 5,
            TopicFilters =
            [
                new MqttTopicFilter
                {
                    Topic = "a/+",
                    QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                    NoLocal = true,
                    RetainAsPublished = true,
                    RetainHandling = MqttRetainHandling.DoNotSendOnSubscribe,
                },
            ],
        }, "82 0B 0001 02 0B 05 0003 612F2B 2D"),
        new("SubAck311", V3, () => new MqttSubAckPacket { PacketIdentifier = 1, ReasonCodes = [MqttReasonCode.GrantedQoS1, MqttReasonCode.UnspecifiedError] }, "90 04 0001 01 80"),
        new("SubAck5", V5, () => new MqttSubAckPacket { PacketIdentifier = 1, ReasonCodes = [MqttReasonCode.GrantedQoS2, MqttReasonCode.NotAuthorized] }, "90 05 0001 00 02 87"),
        new("SubAck5ReasonString", V5, () => new MqttSubAckPacket { PacketIdentifier = 1, ReasonCodes = [MqttReasonCode.GrantedQoS0], ReasonString = "x" }, "90 08 0001 04 1F 0001 78 00"),
        new("Unsubscribe311", V3, () => new MqttUnsubscribePacket { PacketIdentifier = 2, TopicFilters = ["a"] }, "A2 05 0002 0001 61"),
        new("Unsubscribe5", V5, () => new MqttUnsubscribePacket { PacketIdentifier = 2, TopicFilters = ["a", "b/#"] }, "A2 0B 0002 00 0001 61 0003 622F23"),
        new("UnsubAck311", V3, () => new MqttUnsubAckPacket { PacketIdentifier = 2 }, "B0 02 0002"),
        new("UnsubAck5", V5, () => new MqttUnsubAckPacket { PacketIdentifier = 2, ReasonCodes = [MqttReasonCode.NoSubscriptionExisted] }, "B0 04 0002 00 11"),

        new("PingReq311", V3, () => MqttPingReqPacket.Instance, "C0 00"),
        new("PingResp311", V3, () => MqttPingRespPacket.Instance, "D0 00"),
        new("PingReq5", V5, () => MqttPingReqPacket.Instance, "C0 00"),
        new("PingResp5", V5, () => MqttPingRespPacket.Instance, "D0 00"),

        new("Disconnect311", V3, () => new MqttDisconnectPacket(), "E0 00"),
        new("Disconnect5Normal", V5, () => new MqttDisconnectPacket(), "E0 00"),
        new("Disconnect5WithWill", V5, () => new MqttDisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage }, "E0 01 04"),
        new("Disconnect5ServerMoved", V5, () => new MqttDisconnectPacket { ReasonCode = MqttReasonCode.ServerShuttingDown, ServerReference = "s" }, "E0 06 8B 04 1C 0001 73"),
        new("Disconnect5SessionExpiry", V5, () => new MqttDisconnectPacket { SessionExpiryInterval = 0 }, "E0 07 00 05 11 00000000"),

        new("Auth5Success", V5, () => new MqttAuthPacket(), "F0 00"),
        new("Auth5Continue", V5, () => new MqttAuthPacket
        {
            ReasonCode = MqttReasonCode.ContinueAuthentication,
            AuthenticationMethod = "m",
            AuthenticationData = new byte[] { 0xAA },
        }, "F0 0A 18 08 15 0001 6D 16 0001 AA"),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var golden in All)
        {
            data.Add(golden.Name);
        }

        return data;
    }

    public static GoldenCase Get(string name) => All.Single(c => c.Name == name);

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static MqttPublishPacket Publish(ushort packetIdentifier, MqttQualityOfServiceLevel qos, bool retain = false, bool dup = false) => new()
    {
        PacketIdentifier = packetIdentifier,
        Message = new MqttApplicationMessage { Topic = "a/b", Payload = Bytes("hi"), QualityOfServiceLevel = qos, Retain = retain, Dup = dup },
    };

    private static MqttTopicFilter Filter(string topic, MqttQualityOfServiceLevel qos) => new() { Topic = topic, QualityOfServiceLevel = qos };
}
