namespace MqttSource.Mqtt.Formatting;

/// <summary>The MQTT 5 property table (spec 2.2.2.2): which packets may carry each property, and which may repeat.</summary>
internal static class MqttPropertyRules
{
    private const MqttPropertyContext Message = MqttPropertyContext.Publish | MqttPropertyContext.Will;
    private const MqttPropertyContext Everywhere = (MqttPropertyContext)0x7FF;

    /// <summary>The contexts that may carry the property; None for an unknown identifier.</summary>
    public static MqttPropertyContext AllowedIn(uint id) => id > (uint)MqttPropertyId.SharedSubscriptionAvailable ? MqttPropertyContext.None : (MqttPropertyId)id switch
    {
        MqttPropertyId.PayloadFormatIndicator => Message,
        MqttPropertyId.MessageExpiryInterval => Message,
        MqttPropertyId.ContentType => Message,
        MqttPropertyId.ResponseTopic => Message,
        MqttPropertyId.CorrelationData => Message,
        MqttPropertyId.SubscriptionIdentifier => MqttPropertyContext.Publish | MqttPropertyContext.Subscribe,
        MqttPropertyId.SessionExpiryInterval => MqttPropertyContext.Connect | MqttPropertyContext.ConnAck | MqttPropertyContext.Disconnect,
        MqttPropertyId.AssignedClientIdentifier => MqttPropertyContext.ConnAck,
        MqttPropertyId.ServerKeepAlive => MqttPropertyContext.ConnAck,
        MqttPropertyId.AuthenticationMethod => MqttPropertyContext.Connect | MqttPropertyContext.ConnAck | MqttPropertyContext.Auth,
        MqttPropertyId.AuthenticationData => MqttPropertyContext.Connect | MqttPropertyContext.ConnAck | MqttPropertyContext.Auth,
        MqttPropertyId.RequestProblemInformation => MqttPropertyContext.Connect,
        MqttPropertyId.WillDelayInterval => MqttPropertyContext.Will,
        MqttPropertyId.RequestResponseInformation => MqttPropertyContext.Connect,
        MqttPropertyId.ResponseInformation => MqttPropertyContext.ConnAck,
        MqttPropertyId.ServerReference => MqttPropertyContext.ConnAck | MqttPropertyContext.Disconnect,
        MqttPropertyId.ReasonString => MqttPropertyContext.ConnAck | MqttPropertyContext.PublishAck | MqttPropertyContext.SubAck
            | MqttPropertyContext.UnsubAck | MqttPropertyContext.Disconnect | MqttPropertyContext.Auth,
        MqttPropertyId.ReceiveMaximum => MqttPropertyContext.Connect | MqttPropertyContext.ConnAck,
        MqttPropertyId.TopicAliasMaximum => MqttPropertyContext.Connect | MqttPropertyContext.ConnAck,
        MqttPropertyId.TopicAlias => MqttPropertyContext.Publish,
        MqttPropertyId.MaximumQoS => MqttPropertyContext.ConnAck,
        MqttPropertyId.RetainAvailable => MqttPropertyContext.ConnAck,
        MqttPropertyId.UserProperty => Everywhere,
        MqttPropertyId.MaximumPacketSize => MqttPropertyContext.Connect | MqttPropertyContext.ConnAck,
        MqttPropertyId.WildcardSubscriptionAvailable => MqttPropertyContext.ConnAck,
        MqttPropertyId.SubscriptionIdentifierAvailable => MqttPropertyContext.ConnAck,
        MqttPropertyId.SharedSubscriptionAvailable => MqttPropertyContext.ConnAck,
        _ => MqttPropertyContext.None,
    };

    /// <summary>User Property may always repeat; Subscription Identifier may repeat in PUBLISH only.</summary>
    public static bool MayRepeat(MqttPropertyId id, MqttPropertyContext context) =>
        id == MqttPropertyId.UserProperty
        || (id == MqttPropertyId.SubscriptionIdentifier && context == MqttPropertyContext.Publish);
}
