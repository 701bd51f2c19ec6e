namespace MqttSource.Mqtt;

/// <summary>The broker refused the connection: CONNACK with a failure reason code.</summary>
public sealed class MqttConnectingFailedException : MqttCommunicationException
{
    /// <summary>Creates the exception.</summary>
    public MqttConnectingFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttConnectingFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MqttConnectingFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a refusal.</summary>
    public MqttConnectingFailedException(MqttReasonCode reasonCode, string? reasonString)
        : base(Describe(reasonCode, reasonString))
    {
        ReasonCode = reasonCode;
        ReasonString = reasonString;
    }

    /// <summary>The CONNACK reason code (3.1.1 return codes mapped to MQTT 5 codes).</summary>
    public MqttReasonCode ReasonCode { get; }

    /// <summary>The broker's reason string (MQTT 5), or null.</summary>
    public string? ReasonString { get; }

    private static string Describe(MqttReasonCode code, string? reason)
    {
        var what = code switch
        {
            MqttReasonCode.UnsupportedProtocolVersion => "the broker does not support this MQTT protocol version",
            MqttReasonCode.ClientIdentifierNotValid => "the client identifier was rejected",
            MqttReasonCode.ServerUnavailable => "the broker is unavailable",
            MqttReasonCode.BadUserNameOrPassword => "bad user name or password",
            MqttReasonCode.NotAuthorized => "not authorized",
            MqttReasonCode.Banned => "this client is banned",
            MqttReasonCode.ServerBusy => "the broker is busy",
            MqttReasonCode.BadAuthenticationMethod => "bad authentication method",
            MqttReasonCode.QuotaExceeded => "quota exceeded",
            MqttReasonCode.ConnectionRateExceeded => "connection rate exceeded",
            MqttReasonCode.PacketTooLarge => "the CONNECT packet is too large",
            MqttReasonCode.UseAnotherServer or MqttReasonCode.ServerMoved => "the broker redirects to another server",
            _ => "the broker refused the connection",
        };
        var text = $"MQTT connection refused: {what} (reason code 0x{(byte)code:X2} {code})";
        return reason is null ? text + "." : $"{text}: {reason}.";
    }
}
