using System.Collections.Concurrent;
using CloudNative.CloudEvents;
using MqttSource.Apis.Settings;
using MqttSource.CloudEvents.Json;
using MqttSource.CloudEvents.Mqtt;
using MqttSource.Mqtt;

namespace MqttSource.Adapter.Conversion;

/// <summary>
/// PRODUCT.md §4 on the CloudEvents SDK's types: forwards messages that already are CloudEvents (passthrough) and wraps
/// every other message into a new CloudEvent. The MQTT side of both is <see cref="MqttCloudEventExtensions"/> and
/// <see cref="MqttMessageWrapping"/> (subject, datacontenttype, mqtt* extensions, the payload as data, verbatim); the
/// product's choices are here: id (UUIDv7 or idFrom), source, type by topic, receive time in UTC, then ceOverrides.
/// </summary>
internal sealed class EventConverter
{
    private const int TypeCacheLimit = 10_000;

    private readonly ConversionSettings _settings;
    private readonly KeyValuePair<CloudEventAttribute, string>[] _overrides;
    private readonly ConcurrentDictionary<string, string> _typeByTopic = new(StringComparer.Ordinal);

    /// <summary>Creates the converter.</summary>
    /// <exception cref="ArgumentException">A ceOverrides value is not a valid CloudEvents String (it has control characters).</exception>
    public EventConverter(ConversionSettings settings)
    {
        _settings = settings;
        _overrides = [.. settings.Overrides.Select(o => KeyValuePair.Create(Override(o.Key, o.Value), o.Value))];
    }

    /// <summary>Converts one message received at <paramref name="receivedAt"/>.</summary>
    public ConversionResult Convert(MqttApplicationMessage message, DateTimeOffset receivedAt)
    {
        if (_settings.Passthrough)
        {
            var decoded = message.DecodeCloudEvent(_settings.ProtocolVersion);
            switch (decoded.Status)
            {
                case MqttCloudEventDecodeStatus.CloudEvent:
                    ApplyOverrides(decoded.CloudEvent!);
                    return new ConversionResult(ConversionStatus.PassedThrough, decoded.CloudEvent!, null);
                case MqttCloudEventDecodeStatus.InvalidCloudEvent:
                    return new ConversionResult(ConversionStatus.InvalidCloudEvent, Wrap(message, receivedAt), decoded.Reason);
            }
        }

        return new ConversionResult(ConversionStatus.Wrapped, Wrap(message, receivedAt), null);
    }

    /// <summary>Wraps a message that is not a CloudEvent (§4.2).</summary>
    /// <exception cref="ArgumentException">The topic cannot be a CloudEvents subject (control characters).</exception>
    public CloudEvent Wrap(MqttApplicationMessage message, DateTimeOffset receivedAt)
    {
        var time = receivedAt.ToUniversalTime();
        var ev = message.WrapInCloudEvent(IdFor(message, time), _settings.Source, TypeFor(message.Topic), time, _settings.DataContentType);
        ApplyOverrides(ev);
        return ev;
    }

    /// <summary>
    /// The message as a minimal event that is always valid, for the dead-letter sink when the message itself cannot be
    /// converted or encoded: a new id, the source and type, the topic as subject when it is a valid String, the receive
    /// time, and the payload as opaque bytes. No user properties, no id from the payload, no overrides.
    /// </summary>
    public CloudEvent Fallback(MqttApplicationMessage message, DateTimeOffset receivedAt)
    {
        var ev = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = UuidV7.NewString(receivedAt),
            Source = _settings.Source,
            Type = TypeFor(message.Topic),
            Time = receivedAt.ToUniversalTime(),
            DataContentType = CloudEventData.OctetStreamMediaType,
            Data = CloudEventData.ToArray(message.Payload),
        };
        try
        {
            ev.Subject = message.Topic;
        }
        catch (ArgumentException)
        {
            // A topic with control characters cannot be a CloudEvents String: the event goes without a subject.
        }

        return ev;
    }

    private static CloudEventAttribute Override(string name, string value)
    {
        var attribute = CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String);
        try
        {
            attribute.Validate(value);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"ceOverrides.extensions.{name}: {ErrorText.Describe(ex)}", nameof(value), ex);
        }

        return attribute;
    }

    private void ApplyOverrides(CloudEvent ev)
    {
        foreach (var (attribute, value) in _overrides)
        {
            ev[attribute] = value;
        }
    }

    /// <summary>
    /// The id: from idFrom when it gives a non-empty value, else a new UUIDv7 of the receive time. A value that is no valid CloudEvents String
    /// (a control character) makes the conversion fail with the SDK's <see cref="ArgumentException"/> naming 'id': the
    /// delivery dead-letters such a message as invalid rather than send it under an id that is not the device's.
    /// </summary>
    private string IdFor(MqttApplicationMessage message, DateTimeOffset receivedAt)
    {
        if (_settings.IdFrom is { } from)
        {
            var id = from.Kind switch
            {
                IdSourceKind.UserProperty => message.UserProperties?.FirstOrDefault(p => p.Name == from.Value)?.Value,
                IdSourceKind.JsonPointer => JsonPointer.Evaluate(message.Payload, from.Value),
                _ => null,
            };
            if (!string.IsNullOrEmpty(id))
            {
                return id;
            }
        }

        return UuidV7.NewString(receivedAt);
    }

    private string TypeFor(string topic)
    {
        if (_typeByTopic.TryGetValue(topic, out var type))
        {
            return type;
        }

        type = _settings.TypeForTopic(topic);
        if (_typeByTopic.Count < TypeCacheLimit)
        {
            _typeByTopic.TryAdd(topic, type);
        }

        return type;
    }
}
