using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Tests.Formatting;

/// <summary>
/// Builds random valid packets from a seed (FsCheck supplies the seeds). Only fields the version can carry are set,
/// and lists are null or non-empty, so a decoded packet must equal the original field by field.
/// </summary>
internal sealed class RandomPackets(int seed, MqttProtocolVersion version)
{
    private static readonly string[] Atoms = ["a", "b", "z", "sensor", "é", "日本", "😀", "-", "_", "$", " ", "0"];

    private readonly Random _random = new(seed);
    private readonly bool _v5 = version == MqttProtocolVersion.V500;

    public MqttPacket Next() => _random.Next(13) switch
    {
        0 => Connect(),
        1 => ConnAck(),
        2 or 3 => Publish(),
        4 => Ack(),
        5 => Subscribe(),
        6 => SubAck(),
        7 => new MqttUnsubscribePacket { PacketIdentifier = Id(), TopicFilters = [.. Many(Filter)], UserProperties = V5(UserProperties) },
        8 => new MqttUnsubAckPacket { PacketIdentifier = Id(), ReasonCodes = _v5 ? [.. Many(() => (MqttReasonCode)_random.Next(256))] : [], ReasonString = V5(MaybeText), UserProperties = V5(UserProperties) },
        9 => _random.Next(2) == 0 ? MqttPingReqPacket.Instance : MqttPingRespPacket.Instance,
        10 => Disconnect(),
        11 when _v5 => new MqttAuthPacket { ReasonCode = (MqttReasonCode)_random.Next(256), AuthenticationMethod = MaybeText(), AuthenticationData = MaybeBytes(), ReasonString = MaybeText(), UserProperties = UserProperties() },
        _ => Publish(),
    };

    private MqttConnectPacket Connect()
    {
        var username = Maybe(Text);
        var will = Maybe(() => Message(will: true));
        return new MqttConnectPacket
        {
            ClientId = Text(),
            CleanSession = Bool(),
            KeepAliveSeconds = (ushort)_random.Next(65_536),
            Username = username,
            Password = username is null && !_v5 ? null : MaybeBytes(),
            WillMessage = will,
            WillDelayInterval = _v5 && will is not null ? (uint)_random.Next(3) : 0,
            SessionExpiryInterval = _v5 ? (uint)_random.Next(3) * 1_000_000 : 0,
            ReceiveMaximum = _v5 ? (ushort)_random.Next(3) : (ushort)0,
            MaximumPacketSize = _v5 ? (uint)_random.Next(3) * 40_000 : 0,
            TopicAliasMaximum = _v5 ? (ushort)_random.Next(3) : (ushort)0,
            RequestResponseInformation = _v5 && Bool(),
            RequestProblemInformation = !_v5 || Bool(),
            AuthenticationMethod = V5(MaybeText),
            AuthenticationData = _v5 ? MaybeBytes() : null,
            UserProperties = V5(UserProperties),
        };
    }

    private MqttConnAckPacket ConnAck()
    {
        if (!_v5)
        {
            MqttReasonCode[] codes = [MqttReasonCode.Success, MqttReasonCode.UnsupportedProtocolVersion, MqttReasonCode.ClientIdentifierNotValid, MqttReasonCode.ServerUnavailable, MqttReasonCode.BadUserNameOrPassword, MqttReasonCode.NotAuthorized];
            return new MqttConnAckPacket { SessionPresent = Bool(), ReasonCode = codes[_random.Next(codes.Length)] };
        }

        return new MqttConnAckPacket
        {
            SessionPresent = Bool(),
            ReasonCode = (MqttReasonCode)_random.Next(256),
            SessionExpiryInterval = MaybeValue(() => (uint)_random.Next()),
            ReceiveMaximum = MaybeValue(() => (ushort)_random.Next(1, 65_536)),
            MaximumQoS = MaybeValue(() => (MqttQualityOfServiceLevel)_random.Next(2)),
            RetainAvailable = MaybeValue(Bool),
            MaximumPacketSize = MaybeValue(() => (uint)_random.Next(1, int.MaxValue)),
            AssignedClientIdentifier = MaybeText(),
            TopicAliasMaximum = MaybeValue(() => (ushort)_random.Next(65_536)),
            ReasonString = MaybeText(),
            WildcardSubscriptionAvailable = MaybeValue(Bool),
            SubscriptionIdentifiersAvailable = MaybeValue(Bool),
            SharedSubscriptionAvailable = MaybeValue(Bool),
            ServerKeepAlive = MaybeValue(() => (ushort)_random.Next(65_536)),
            ResponseInformation = MaybeText(),
            ServerReference = MaybeText(),
            AuthenticationMethod = MaybeText(),
            AuthenticationData = MaybeBytes(),
            UserProperties = UserProperties(),
        };
    }

    private MqttPublishPacket Publish()
    {
        var message = Message(will: false);
        return new MqttPublishPacket
        {
            PacketIdentifier = message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce ? (ushort)0 : Id(),
            Message = message,
        };
    }

    private MqttApplicationMessage Message(bool will)
    {
        var qos = (MqttQualityOfServiceLevel)_random.Next(3);
        var message = new MqttApplicationMessage
        {
            Topic = TopicName(),
            Payload = Bytes(),
            QualityOfServiceLevel = qos,
            Retain = Bool(),
            Dup = !will && qos != MqttQualityOfServiceLevel.AtMostOnce && Bool(),
        };
        if (_v5)
        {
            message.PayloadFormatIndicator = MaybeValue(() => (byte)_random.Next(2));
            message.MessageExpiryInterval = MaybeValue(() => (uint)_random.Next());
            message.ContentType = MaybeText();
            message.ResponseTopic = Maybe(TopicName);
            message.CorrelationData = MaybeBytes();
            message.UserProperties = UserProperties();
            if (!will)
            {
                message.TopicAlias = (ushort)_random.Next(3);
                message.Topic = message.TopicAlias != 0 && Bool() ? string.Empty : message.Topic;
                message.SubscriptionIdentifiers = Maybe(() => Many(() => (uint)_random.Next(1, 268_435_456)));
            }
        }

        return message;
    }

    private MqttAckPacket Ack()
    {
        MqttAckPacket packet = _random.Next(4) switch
        {
            0 => new MqttPubAckPacket(),
            1 => new MqttPubRecPacket(),
            2 => new MqttPubRelPacket(),
            _ => new MqttPubCompPacket(),
        };
        packet.PacketIdentifier = Id();
        if (_v5)
        {
            packet.ReasonCode = Bool() ? MqttReasonCode.Success : (MqttReasonCode)_random.Next(256);
            packet.ReasonString = MaybeText();
            packet.UserProperties = UserProperties();
        }

        return packet;
    }

    private MqttSubscribePacket Subscribe() => new()
    {
        PacketIdentifier = Id(),
        SubscriptionIdentifier = _v5 ? (uint)_random.Next(3) * 100_000 : 0,
        UserProperties = V5(UserProperties),
        TopicFilters =
        [
            .. Many(() => new MqttTopicFilter
            {
                Topic = Filter(),
                QualityOfServiceLevel = (MqttQualityOfServiceLevel)_random.Next(3),
                NoLocal = _v5 && Bool(),
                RetainAsPublished = _v5 && Bool(),
                RetainHandling = _v5 ? (MqttRetainHandling)_random.Next(3) : MqttRetainHandling.SendAtSubscribe,
            }),
        ],
    };

    private MqttSubAckPacket SubAck()
    {
        MqttReasonCode[] v3Codes = [MqttReasonCode.GrantedQoS0, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.UnspecifiedError];
        return new MqttSubAckPacket
        {
            PacketIdentifier = Id(),
            ReasonCodes = [.. Many(() => _v5 ? (MqttReasonCode)_random.Next(256) : v3Codes[_random.Next(4)])],
            ReasonString = V5(MaybeText),
            UserProperties = V5(UserProperties),
        };
    }

    private MqttDisconnectPacket Disconnect() => !_v5 ? new MqttDisconnectPacket() : new MqttDisconnectPacket
    {
        ReasonCode = Bool() ? MqttReasonCode.NormalDisconnection : (MqttReasonCode)_random.Next(256),
        SessionExpiryInterval = MaybeValue(() => (uint)_random.Next()),
        ReasonString = MaybeText(),
        ServerReference = MaybeText(),
        UserProperties = UserProperties(),
    };

    private ushort Id() => (ushort)_random.Next(1, 65_536);

    private bool Bool() => _random.Next(2) == 0;

    private string Text()
    {
        var count = _random.Next(6);
        var text = string.Empty;
        for (var i = 0; i < count; i++)
        {
            text += Atoms[_random.Next(Atoms.Length)];
        }

        return text;
    }

    private string? MaybeText() => Maybe(Text);

    private string TopicName()
    {
        var levels = Many(Text);
        var topic = string.Join('/', levels);
        return topic.Length == 0 ? "t" : topic;
    }

    private string Filter()
    {
        var levels = Many(() => _random.Next(4) == 0 ? "+" : Text());
        if (_random.Next(4) == 0)
        {
            levels.Add("#");
        }

        var filter = string.Join('/', levels);
        return filter.Length == 0 ? "#" : filter;
    }

    private ReadOnlyMemory<byte> Bytes()
    {
        var bytes = new byte[_random.Next(3) == 0 ? 0 : _random.Next(300)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private ReadOnlyMemory<byte>? MaybeBytes() => Bool() ? null : Bytes();

    private List<MqttUserProperty>? UserProperties() => Maybe(() => Many(() => new MqttUserProperty(Text(), Text())));

    private List<T> Many<T>(Func<T> item)
    {
        var count = _random.Next(1, 4);
        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(item());
        }

        return list;
    }

    private T? Maybe<T>(Func<T> value)
        where T : class => Bool() ? null : value();

    private T? MaybeValue<T>(Func<T> value)
        where T : struct => Bool() ? null : value();

    private T? V5<T>(Func<T?> value)
        where T : class => _v5 ? value() : null;
}
