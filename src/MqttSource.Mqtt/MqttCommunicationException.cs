namespace MqttSource.Mqtt;

/// <summary>The connection to the broker failed or was lost (network, TLS, timeout).</summary>
public class MqttCommunicationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MqttCommunicationException()
        : base("MQTT communication failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttCommunicationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MqttCommunicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
