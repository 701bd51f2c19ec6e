using CloudNative.CloudEvents;

namespace MqttSource.CloudEvents.Mqtt;

/// <summary>The outcome of reading a CloudEvent from an MQTT message.</summary>
public sealed class MqttCloudEventDecodeResult
{
    private MqttCloudEventDecodeResult(MqttCloudEventDecodeStatus status, CloudEvent? cloudEvent, ContentMode mode, string? reason)
    {
        Status = status;
        CloudEvent = cloudEvent;
        Mode = mode;
        Reason = reason;
    }

    /// <summary>Whether the message is a CloudEvent, not one, or an invalid one.</summary>
    public MqttCloudEventDecodeStatus Status { get; }

    /// <summary>The event when <see cref="Status"/> is <see cref="MqttCloudEventDecodeStatus.CloudEvent"/>.</summary>
    public CloudEvent? CloudEvent { get; }

    /// <summary>The content mode the message used (meaningful unless it is not a CloudEvent).</summary>
    public ContentMode Mode { get; }

    /// <summary>Why the message is not a CloudEvent, or what is wrong with it; null for a valid event.</summary>
    public string? Reason { get; }

    internal static MqttCloudEventDecodeResult Valid(CloudEvent cloudEvent, ContentMode mode) =>
        new(MqttCloudEventDecodeStatus.CloudEvent, cloudEvent, mode, null);

    internal static MqttCloudEventDecodeResult NotACloudEvent(string reason) =>
        new(MqttCloudEventDecodeStatus.NotACloudEvent, null, ContentMode.Binary, reason);

    internal static MqttCloudEventDecodeResult Invalid(ContentMode mode, string error) =>
        new(MqttCloudEventDecodeStatus.InvalidCloudEvent, null, mode, error);
}
