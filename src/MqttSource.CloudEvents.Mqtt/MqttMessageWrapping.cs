using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Json;
using MqttSource.Mqtt;

namespace MqttSource.CloudEvents.Mqtt;

/// <summary>An MQTT message that is not a CloudEvent, wrapped into a new one (PRODUCT.md §4.2): the MQTT side of the mapping.</summary>
public static class MqttMessageWrapping
{
    private static readonly object[] QosValues = [0, 1, 2];
    private static readonly object True = true;

    /// <summary>
    /// Wraps a message. The caller chooses id, source, type and time; the message gives the rest: <c>subject</c> = the
    /// topic, <c>datacontenttype</c> = the MQTT 5 Content Type, else <paramref name="defaultDataContentType"/>, else
    /// application/json for a valid UTF-8 JSON payload and application/octet-stream otherwise (a content type that is not
    /// a valid media type is passed over for the next), <c>mqttqos</c>, <c>mqttretain</c> when set, each user property as
    /// <c>mqtt&lt;name&gt;</c> (the first of a name wins; a value that is not a valid CloudEvents String is left out),
    /// and the payload bytes, verbatim, as data.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="id">The event id.</param>
    /// <param name="source">The event source.</param>
    /// <param name="type">The event type.</param>
    /// <param name="time">The event time.</param>
    /// <param name="defaultDataContentType">The content type of messages without one (event.dataContentType), or null.</param>
    /// <exception cref="ArgumentException">The topic cannot be a CloudEvents subject (it has control characters); the message says so.</exception>
    public static CloudEvent WrapInCloudEvent(this MqttApplicationMessage message, string id, Uri source, string type, DateTimeOffset time, string? defaultDataContentType = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = CloudEventData.ToArray(message.Payload);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Source = source,
            Type = type,
            Subject = message.Topic,
            Time = time,
            Data = payload,
        };
        SetDataContentType(cloudEvent, message.ContentType, defaultDataContentType, payload);
        cloudEvent[MqttCloudEventAttributes.Qos] = QosValues[(int)message.QualityOfServiceLevel];
        if (message.Retain)
        {
            cloudEvent[MqttCloudEventAttributes.Retain] = True;
        }

        if (message.UserProperties is { Count: > 0 } properties)
        {
            foreach (var property in properties)
            {
                if (MqttCloudEventAttributes.ForUserProperty(property.Name) is { } attribute && cloudEvent[attribute] is null)
                {
                    TrySet(cloudEvent, attribute, property.Value);
                }
            }
        }

        return cloudEvent;
    }

    private static void SetDataContentType(CloudEvent cloudEvent, string? contentType, string? defaultContentType, byte[] payload)
    {
        var attribute = cloudEvent.SpecVersion.DataContentTypeAttribute;
        if ((contentType is null || !TrySet(cloudEvent, attribute, contentType))
            && (defaultContentType is null || !TrySet(cloudEvent, attribute, defaultContentType)))
        {
            cloudEvent.DataContentType = CloudEventData.InferContentType(payload);
        }
    }

    private static bool TrySet(CloudEvent cloudEvent, CloudEventAttribute attribute, string value)
    {
        try
        {
            cloudEvent[attribute] = value;
            return true;
        }
        catch (ArgumentException)
        {
            return false; // not a valid value for this attribute (a control character, not a media type): leave it out
        }
    }
}
