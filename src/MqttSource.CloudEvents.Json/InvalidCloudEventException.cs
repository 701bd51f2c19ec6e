namespace MqttSource.CloudEvents.Json;

/// <summary>
/// Input that is not a valid CloudEvent (or batch). The message is one sentence for the sender, starting with
/// "Invalid CloudEvent" and naming what is wrong; the SDK's own exception, if there was one, is the inner exception.
/// </summary>
public sealed class InvalidCloudEventException : ArgumentException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InvalidCloudEventException()
        : base("Invalid CloudEvent.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public InvalidCloudEventException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The exception that said so.</param>
    public InvalidCloudEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
