namespace MqttSource.CloudEvents;

/// <summary>An encoded CloudEvent (a document, headers or properties) is invalid; the message says why and names the attribute.</summary>
public sealed class CloudEventFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CloudEventFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, for a user.</param>
    public CloudEventFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, for a user.</param>
    /// <param name="innerException">The cause.</param>
    public CloudEventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
