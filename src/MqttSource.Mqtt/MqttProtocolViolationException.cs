namespace MqttSource.Mqtt;

/// <summary>A malformed or illegal packet was received (or an illegal one was about to be sent).</summary>
public sealed class MqttProtocolViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MqttProtocolViolationException()
        : base("MQTT protocol violation.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttProtocolViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MqttProtocolViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The MQTT 5 reason code to send in DISCONNECT: 0x81 malformed packet or 0x82 protocol error.</summary>
    public MqttReasonCode ReasonCode { get; init; } = MqttReasonCode.MalformedPacket;
}
