namespace MqttSource.Mqtt.Client;

/// <summary>
/// A received message. With <see cref="AutoAcknowledge"/> (the default) the client acknowledges it when the handler returns;
/// set it to false and call <see cref="Acknowledge"/> later — in any order: the client still sends PUBACK/PUBREC in arrival order.
/// A message never acknowledged before the connection drops is redelivered by the broker (persistent session).
/// </summary>
public sealed class MqttApplicationMessageReceivedEventArgs : EventArgs
{
    private readonly Action<MqttReasonCode>? _acknowledge;

    /// <summary>A received message whose acknowledgement calls <paramref name="acknowledge"/> (null: nothing to acknowledge, QoS 0).</summary>
    public MqttApplicationMessageReceivedEventArgs(MqttApplicationMessage message, ushort packetIdentifier, string clientId, Action<MqttReasonCode>? acknowledge)
    {
        ApplicationMessage = message ?? throw new ArgumentNullException(nameof(message));
        PacketIdentifier = packetIdentifier;
        ClientId = clientId;
        _acknowledge = acknowledge;
    }

    internal MqttApplicationMessageReceivedEventArgs(MqttApplicationMessage message, ushort packetIdentifier, string clientId, InboundAckQueue.Entry? ack)
        : this(message, packetIdentifier, clientId, ack is null ? null : ack.Complete)
    {
    }

    /// <summary>The message.</summary>
    public MqttApplicationMessage ApplicationMessage { get; }

    /// <summary>The packet identifier (0 for QoS 0).</summary>
    public ushort PacketIdentifier { get; }

    /// <summary>The receiving client's id.</summary>
    public string ClientId { get; }

    /// <summary>Acknowledge when the handler returns (default true).</summary>
    public bool AutoAcknowledge { get; set; } = true;

    /// <summary>Whether <see cref="Acknowledge"/> was called.</summary>
    public bool IsAcknowledged { get; private set; }

    /// <summary>Marks the message processed; idempotent. The acknowledgement is sent once all earlier messages are processed too.</summary>
    /// <param name="reasonCode">MQTT 5 reason code of the PUBACK/PUBREC (Success by default).</param>
    public void Acknowledge(MqttReasonCode reasonCode = MqttReasonCode.Success)
    {
        IsAcknowledged = true;
        _acknowledge?.Invoke(reasonCode);
    }

    /// <summary>Same as <see cref="Acknowledge"/>, for MQTTnet-style callers.</summary>
    public Task AcknowledgeAsync(CancellationToken cancellationToken = default)
    {
        Acknowledge();
        return Task.CompletedTask;
    }
}
