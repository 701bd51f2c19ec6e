namespace MqttSource.CloudEvents;

/// <summary>How a protocol binding carries an event.</summary>
public enum ContentMode
{
    /// <summary>The whole event, encoded by an event format, in the message body.</summary>
    Structured,

    /// <summary>Attributes in protocol headers (or properties), data as the raw body.</summary>
    Binary,
}
