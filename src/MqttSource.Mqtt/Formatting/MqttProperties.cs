namespace MqttSource.Mqtt.Formatting;

/// <summary>
/// One MQTT 5 property block, on the stack: the decoder fills it (validating identifiers, contexts, duplicates
/// and values) and the packet decoders copy what they need; the encoders fill it from a packet and write it.
/// Null means absent. Properties are written in ascending identifier order.
/// </summary>
internal struct MqttProperties
{
    public byte? PayloadFormatIndicator;
    public uint? MessageExpiryInterval;
    public string? ContentType;
    public string? ResponseTopic;
    public ReadOnlyMemory<byte>? CorrelationData;
    public IReadOnlyList<uint>? SubscriptionIdentifiers;
    public uint? SessionExpiryInterval;
    public string? AssignedClientIdentifier;
    public ushort? ServerKeepAlive;
    public string? AuthenticationMethod;
    public ReadOnlyMemory<byte>? AuthenticationData;
    public byte? RequestProblemInformation;
    public uint? WillDelayInterval;
    public byte? RequestResponseInformation;
    public string? ResponseInformation;
    public string? ServerReference;
    public string? ReasonString;
    public ushort? ReceiveMaximum;
    public ushort? TopicAliasMaximum;
    public ushort? TopicAlias;
    public byte? MaximumQoS;
    public byte? RetainAvailable;
    public IReadOnlyList<MqttUserProperty>? UserProperties;
    public uint? MaximumPacketSize;
    public byte? WildcardSubscriptionAvailable;
    public byte? SubscriptionIdentifierAvailable;
    public byte? SharedSubscriptionAvailable;

    /// <summary>The message properties of a PUBLISH or a will (Will Delay Interval excluded).</summary>
    public static MqttProperties FromMessage(MqttApplicationMessage message) => new()
    {
        PayloadFormatIndicator = message.PayloadFormatIndicator,
        MessageExpiryInterval = message.MessageExpiryInterval,
        ContentType = message.ContentType,
        ResponseTopic = message.ResponseTopic,
        CorrelationData = message.CorrelationData,
        UserProperties = NullIfEmpty(message.UserProperties),
    };

    /// <summary>Null for an empty list, so that no list means no bytes on the wire.</summary>
    public static IReadOnlyList<T>? NullIfEmpty<T>(IReadOnlyList<T>? list) => list is { Count: > 0 } ? list : null;

    /// <summary>Copies the message properties read from a PUBLISH or a will onto <paramref name="message"/>.</summary>
    public readonly void ApplyTo(MqttApplicationMessage message)
    {
        message.PayloadFormatIndicator = PayloadFormatIndicator;
        message.MessageExpiryInterval = MessageExpiryInterval;
        message.ContentType = ContentType;
        message.ResponseTopic = ResponseTopic;
        message.CorrelationData = CorrelationData;
        message.UserProperties = UserProperties;
    }

    /// <summary>Reads a property block (Property Length then properties) allowed in <paramref name="context"/>.</summary>
    public void Read(ref MqttPacketReader reader, MqttPropertyContext context)
    {
        var length = reader.ReadVariableByteInteger();
        if (length == 0)
        {
            return;
        }

        var saved = reader.PushLimit((int)length);
        ulong seen = 0;
        List<MqttUserProperty>? userProperties = null;
        List<uint>? subscriptionIdentifiers = null;
        while (!reader.End)
        {
            var rawId = reader.ReadVariableByteInteger();
            var allowed = MqttPropertyRules.AllowedIn(rawId);
            if (allowed == MqttPropertyContext.None)
            {
                MqttThrow.Malformed($"Unknown property identifier 0x{rawId:X2}.");
            }

            var id = (MqttPropertyId)rawId;
            if ((allowed & context) == 0)
            {
                MqttThrow.ProtocolError($"Property {id} is not allowed in {context}.");
            }

            var bit = 1UL << (int)rawId;
            if ((seen & bit) != 0 && !MqttPropertyRules.MayRepeat(id, context))
            {
                MqttThrow.ProtocolError($"Property {id} appears more than once.");
            }

            seen |= bit;
            switch (id)
            {
                case MqttPropertyId.PayloadFormatIndicator: PayloadFormatIndicator = ReadFlag(ref reader, id); break;
                case MqttPropertyId.MessageExpiryInterval: MessageExpiryInterval = reader.ReadUInt32(); break;
                case MqttPropertyId.ContentType: ContentType = reader.ReadString(); break;
                case MqttPropertyId.ResponseTopic: ResponseTopic = MqttTopic.ReadName(ref reader); break;
                case MqttPropertyId.CorrelationData: CorrelationData = reader.ReadBinary(); break;
                case MqttPropertyId.SubscriptionIdentifier:
                    (subscriptionIdentifiers ??= new List<uint>(1)).Add(NonZero(reader.ReadVariableByteInteger(), id));
                    break;
                case MqttPropertyId.SessionExpiryInterval: SessionExpiryInterval = reader.ReadUInt32(); break;
                case MqttPropertyId.AssignedClientIdentifier: AssignedClientIdentifier = reader.ReadString(); break;
                case MqttPropertyId.ServerKeepAlive: ServerKeepAlive = reader.ReadUInt16(); break;
                case MqttPropertyId.AuthenticationMethod: AuthenticationMethod = reader.ReadString(); break;
                case MqttPropertyId.AuthenticationData: AuthenticationData = reader.ReadBinary(); break;
                case MqttPropertyId.RequestProblemInformation: RequestProblemInformation = ReadFlag(ref reader, id); break;
                case MqttPropertyId.WillDelayInterval: WillDelayInterval = reader.ReadUInt32(); break;
                case MqttPropertyId.RequestResponseInformation: RequestResponseInformation = ReadFlag(ref reader, id); break;
                case MqttPropertyId.ResponseInformation: ResponseInformation = reader.ReadString(); break;
                case MqttPropertyId.ServerReference: ServerReference = reader.ReadString(); break;
                case MqttPropertyId.ReasonString: ReasonString = reader.ReadString(); break;
                case MqttPropertyId.ReceiveMaximum: ReceiveMaximum = (ushort)NonZero(reader.ReadUInt16(), id); break;
                case MqttPropertyId.TopicAliasMaximum: TopicAliasMaximum = reader.ReadUInt16(); break;
                case MqttPropertyId.TopicAlias: TopicAlias = (ushort)NonZero(reader.ReadUInt16(), id); break;
                case MqttPropertyId.MaximumQoS: MaximumQoS = ReadFlag(ref reader, id); break;
                case MqttPropertyId.RetainAvailable: RetainAvailable = ReadFlag(ref reader, id); break;
                case MqttPropertyId.UserProperty:
                    var name = reader.ReadString();
                    (userProperties ??= new List<MqttUserProperty>(4)).Add(new MqttUserProperty(name, reader.ReadString()));
                    break;
                case MqttPropertyId.MaximumPacketSize: MaximumPacketSize = NonZero(reader.ReadUInt32(), id); break;
                case MqttPropertyId.WildcardSubscriptionAvailable: WildcardSubscriptionAvailable = ReadFlag(ref reader, id); break;
                case MqttPropertyId.SubscriptionIdentifierAvailable: SubscriptionIdentifierAvailable = ReadFlag(ref reader, id); break;
                default: SharedSubscriptionAvailable = ReadFlag(ref reader, id); break;
            }
        }

        reader.PopLimit(saved);
        UserProperties = userProperties;
        SubscriptionIdentifiers = subscriptionIdentifiers;
    }

    /// <summary>The Property Length value (bytes of the properties, not counting the length itself).</summary>
    public readonly int GetLength()
    {
        if (ReceiveMaximum == 0 || MaximumPacketSize == 0 || TopicAlias == 0 || PayloadFormatIndicator > 1 || MaximumQoS > 1)
        {
            MqttThrow.CannotEncode("Receive Maximum, Maximum Packet Size and Topic Alias must not be 0; Payload Format Indicator and Maximum QoS must be 0 or 1.");
        }

        var size = 0;
        size += SizeOf(PayloadFormatIndicator, 1);
        size += SizeOf(MessageExpiryInterval, 4);
        size += SizeOf(ContentType);
        size += SizeOf(ResponseTopic);
        size += SizeOf(CorrelationData);
        if (SubscriptionIdentifiers is { } subscriptionIdentifiers)
        {
            for (var i = 0; i < subscriptionIdentifiers.Count; i++)
            {
                if (subscriptionIdentifiers[i] == 0)
                {
                    MqttThrow.CannotEncode("Subscription Identifier 0 is not allowed.");
                }

                size += 1 + MqttVariableByteInteger.GetSize(subscriptionIdentifiers[i]);
            }
        }

        size += SizeOf(SessionExpiryInterval, 4);
        size += SizeOf(AssignedClientIdentifier);
        size += SizeOf(ServerKeepAlive, 2);
        size += SizeOf(AuthenticationMethod);
        size += SizeOf(AuthenticationData);
        size += SizeOf(RequestProblemInformation, 1);
        size += SizeOf(WillDelayInterval, 4);
        size += SizeOf(RequestResponseInformation, 1);
        size += SizeOf(ResponseInformation);
        size += SizeOf(ServerReference);
        size += SizeOf(ReasonString);
        size += SizeOf(ReceiveMaximum, 2);
        size += SizeOf(TopicAliasMaximum, 2);
        size += SizeOf(TopicAlias, 2);
        size += SizeOf(MaximumQoS, 1);
        size += SizeOf(RetainAvailable, 1);
        if (UserProperties is { } userProperties)
        {
            for (var i = 0; i < userProperties.Count; i++)
            {
                size += 1 + MqttUtf8.GetFieldSize(userProperties[i].Name) + MqttUtf8.GetFieldSize(userProperties[i].Value);
            }
        }

        size += SizeOf(MaximumPacketSize, 4);
        size += SizeOf(WildcardSubscriptionAvailable, 1);
        size += SizeOf(SubscriptionIdentifierAvailable, 1);
        size += SizeOf(SharedSubscriptionAvailable, 1);
        return size;
    }

    /// <summary>Property Length plus the properties, given <paramref name="length"/> from <see cref="GetLength"/>.</summary>
    public static int GetBlockSize(int length) => MqttVariableByteInteger.GetSize((uint)length) + length;

    /// <summary>Writes Property Length and the properties; <paramref name="length"/> comes from <see cref="GetLength"/>.</summary>
    public readonly void Write(ref MqttPacketWriter writer, int length)
    {
        writer.WriteVariableByteInteger((uint)length);
        Write(ref writer, MqttPropertyId.PayloadFormatIndicator, PayloadFormatIndicator, 1);
        Write(ref writer, MqttPropertyId.MessageExpiryInterval, MessageExpiryInterval, 4);
        Write(ref writer, MqttPropertyId.ContentType, ContentType);
        Write(ref writer, MqttPropertyId.ResponseTopic, ResponseTopic);
        Write(ref writer, MqttPropertyId.CorrelationData, CorrelationData);
        if (SubscriptionIdentifiers is { } subscriptionIdentifiers)
        {
            for (var i = 0; i < subscriptionIdentifiers.Count; i++)
            {
                writer.WriteByte((byte)MqttPropertyId.SubscriptionIdentifier);
                writer.WriteVariableByteInteger(subscriptionIdentifiers[i]);
            }
        }

        Write(ref writer, MqttPropertyId.SessionExpiryInterval, SessionExpiryInterval, 4);
        Write(ref writer, MqttPropertyId.AssignedClientIdentifier, AssignedClientIdentifier);
        Write(ref writer, MqttPropertyId.ServerKeepAlive, ServerKeepAlive, 2);
        Write(ref writer, MqttPropertyId.AuthenticationMethod, AuthenticationMethod);
        Write(ref writer, MqttPropertyId.AuthenticationData, AuthenticationData);
        Write(ref writer, MqttPropertyId.RequestProblemInformation, RequestProblemInformation, 1);
        Write(ref writer, MqttPropertyId.WillDelayInterval, WillDelayInterval, 4);
        Write(ref writer, MqttPropertyId.RequestResponseInformation, RequestResponseInformation, 1);
        Write(ref writer, MqttPropertyId.ResponseInformation, ResponseInformation);
        Write(ref writer, MqttPropertyId.ServerReference, ServerReference);
        Write(ref writer, MqttPropertyId.ReasonString, ReasonString);
        Write(ref writer, MqttPropertyId.ReceiveMaximum, ReceiveMaximum, 2);
        Write(ref writer, MqttPropertyId.TopicAliasMaximum, TopicAliasMaximum, 2);
        Write(ref writer, MqttPropertyId.TopicAlias, TopicAlias, 2);
        Write(ref writer, MqttPropertyId.MaximumQoS, MaximumQoS, 1);
        Write(ref writer, MqttPropertyId.RetainAvailable, RetainAvailable, 1);
        if (UserProperties is { } userProperties)
        {
            for (var i = 0; i < userProperties.Count; i++)
            {
                writer.WriteByte((byte)MqttPropertyId.UserProperty);
                writer.WriteString(userProperties[i].Name);
                writer.WriteString(userProperties[i].Value);
            }
        }

        Write(ref writer, MqttPropertyId.MaximumPacketSize, MaximumPacketSize, 4);
        Write(ref writer, MqttPropertyId.WildcardSubscriptionAvailable, WildcardSubscriptionAvailable, 1);
        Write(ref writer, MqttPropertyId.SubscriptionIdentifierAvailable, SubscriptionIdentifierAvailable, 1);
        Write(ref writer, MqttPropertyId.SharedSubscriptionAvailable, SharedSubscriptionAvailable, 1);
    }

    /// <summary>0/1 properties (and Maximum QoS, which is 0 or 1 too): any other value is a protocol error.</summary>
    private static byte ReadFlag(ref MqttPacketReader reader, MqttPropertyId id)
    {
        var value = reader.ReadByte();
        if (value > 1)
        {
            MqttThrow.ProtocolError($"Property {id} must be 0 or 1, not {value}.");
        }

        return value;
    }

    private static uint NonZero(uint value, MqttPropertyId id)
    {
        if (value == 0)
        {
            MqttThrow.ProtocolError($"Property {id} must not be 0.");
        }

        return value;
    }

    private static int SizeOf(uint? value, int width) => value.HasValue ? 1 + width : 0;

    private static int SizeOf(string? value) => value is null ? 0 : 1 + MqttUtf8.GetFieldSize(value);

    private static int SizeOf(ReadOnlyMemory<byte>? value) => value is { } v ? 1 + MqttPacketWriter.GetBinarySize(v.Span) : 0;

    /// <summary>Writes a one, two or four byte integer property when present.</summary>
    private static void Write(ref MqttPacketWriter writer, MqttPropertyId id, uint? value, int width)
    {
        if (value is not { } v)
        {
            return;
        }

        writer.WriteByte((byte)id);
        switch (width)
        {
            case 1:
                writer.WriteByte((byte)v);
                break;
            case 2:
                writer.WriteUInt16((ushort)v);
                break;
            default:
                writer.WriteUInt32(v);
                break;
        }
    }

    private static void Write(ref MqttPacketWriter writer, MqttPropertyId id, string? value)
    {
        if (value is not null)
        {
            writer.WriteByte((byte)id);
            writer.WriteString(value);
        }
    }

    private static void Write(ref MqttPacketWriter writer, MqttPropertyId id, ReadOnlyMemory<byte>? value)
    {
        if (value is { } v)
        {
            writer.WriteByte((byte)id);
            writer.WriteBinary(v.Span);
        }
    }
}
