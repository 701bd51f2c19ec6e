using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Client;

/// <summary>The outcome of a successful CONNECT.</summary>
public sealed class MqttClientConnectResult
{
    internal MqttClientConnectResult(MqttConnAckPacket connAck)
    {
        SessionPresent = connAck.SessionPresent;
        ResultCode = connAck.ReasonCode;
        AssignedClientIdentifier = connAck.AssignedClientIdentifier;
        ReceiveMaximum = connAck.ReceiveMaximum ?? ushort.MaxValue;
        MaximumQoS = connAck.MaximumQoS ?? MqttQualityOfServiceLevel.ExactlyOnce;
        MaximumPacketSize = connAck.MaximumPacketSize;
        SessionExpiryInterval = connAck.SessionExpiryInterval;
        ServerKeepAlive = connAck.ServerKeepAlive;
        SharedSubscriptionAvailable = connAck.SharedSubscriptionAvailable ?? true;
        ReasonString = connAck.ReasonString;
        UserProperties = connAck.UserProperties;
    }

    /// <summary>Whether the broker resumed an existing session.</summary>
    public bool SessionPresent { get; }

    public MqttReasonCode ResultCode { get; }

    public string? AssignedClientIdentifier { get; }

    /// <summary>The broker's Receive Maximum (how many QoS 1/2 publishes we may have in flight).</summary>
    public ushort ReceiveMaximum { get; }

    public MqttQualityOfServiceLevel MaximumQoS { get; }

    public uint? MaximumPacketSize { get; }

    public uint? SessionExpiryInterval { get; }

    public ushort? ServerKeepAlive { get; }

    public bool SharedSubscriptionAvailable { get; }

    public string? ReasonString { get; }

    public IReadOnlyList<MqttUserProperty>? UserProperties { get; }
}
