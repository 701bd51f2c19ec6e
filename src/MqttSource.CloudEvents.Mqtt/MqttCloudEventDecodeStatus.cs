namespace MqttSource.CloudEvents.Mqtt;

/// <summary>What an MQTT message turned out to be.</summary>
public enum MqttCloudEventDecodeStatus
{
    /// <summary>The message does not claim to be a CloudEvent; wrap it in one.</summary>
    NotACloudEvent,

    /// <summary>The message is a valid CloudEvent.</summary>
    CloudEvent,

    /// <summary>The message claims to be a CloudEvent (CloudEvents content type or a specversion) but is invalid.</summary>
    InvalidCloudEvent,
}
