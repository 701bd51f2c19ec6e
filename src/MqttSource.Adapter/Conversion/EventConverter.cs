using System.Collections.Concurrent;
using System.Text.Json;
using MqttSource.Apis.Settings;
using MqttSource.CloudEvents;
using MqttSource.CloudEvents.Mqtt;
using MqttSource.Mqtt;

namespace MqttSource.Adapter.Conversion;

/// <summary>
/// PRODUCT.md §4: forwards messages that already are CloudEvents (passthrough) and wraps every other message into a new
/// CloudEvent: id, source, type by topic, subject = topic, time = receive time, datacontenttype, mqtt* extensions,
/// then ceOverrides. The payload is the data, verbatim.
/// </summary>
internal sealed class EventConverter
{
    private const int TypeCacheLimit = 10_000;

    private static readonly CloudEventAttribute QosAttribute = CloudEventAttribute.CreateExtension("mqttqos", CloudEventAttributeType.Integer);
    private static readonly CloudEventAttribute RetainAttribute = CloudEventAttribute.CreateExtension("mqttretain", CloudEventAttributeType.Boolean);
    private static readonly object[] QosValues = [0, 1, 2];

    private readonly ConversionSettings _settings;
    private readonly KeyValuePair<CloudEventAttribute, string>[] _overrides;
    private readonly ConcurrentDictionary<string, string> _typeByTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CloudEventAttribute?> _userPropertyAttributes = new(StringComparer.Ordinal);

    public EventConverter(ConversionSettings settings)
    {
        _settings = settings;
        _overrides = [.. settings.Overrides.Select(o => KeyValuePair.Create(CloudEventAttribute.CreateExtension(o.Key, CloudEventAttributeType.String), o.Value))];
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
    public CloudEvent Wrap(MqttApplicationMessage message, DateTimeOffset receivedAt)
    {
        var payload = message.Payload;
        var ev = new CloudEvent
        {
            Id = IdFor(message),
            Source = _settings.Source,
            Type = TypeFor(message.Topic),
            Subject = message.Topic,
            Time = receivedAt.ToUniversalTime(),
            DataContentType = message.ContentType ?? _settings.DataContentType ?? (IsJson(payload.Span) ? "application/json" : "application/octet-stream"),
            Data = payload,
        };
        ev[QosAttribute] = QosValues[(int)message.QualityOfServiceLevel];
        if (message.Retain)
        {
            ev[RetainAttribute] = true;
        }

        if (message.UserProperties is { Count: > 0 } properties)
        {
            foreach (var property in properties)
            {
                if (UserPropertyAttribute(property.Name) is { } attribute && ev[attribute] is null)
                {
                    ev[attribute] = property.Value;
                }
            }
        }

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
        var ev = new CloudEvent
        {
            Id = Guid.CreateVersion7().ToString(),
            Source = _settings.Source,
            Type = TypeFor(message.Topic),
            Time = receivedAt.ToUniversalTime(),
            DataContentType = "application/octet-stream",
            Data = message.Payload,
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

    private void ApplyOverrides(CloudEvent ev)
    {
        foreach (var (attribute, value) in _overrides)
        {
            ev[attribute] = value;
        }
    }

    private string IdFor(MqttApplicationMessage message)
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

        return Guid.CreateVersion7().ToString();
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

    /// <summary>User property name → extension <c>mqtt&lt;name&gt;</c>: lower-cased, only [a-z0-9] kept; null if nothing is left or it clashes.</summary>
    private CloudEventAttribute? UserPropertyAttribute(string name)
    {
        if (_userPropertyAttributes.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var attribute = ExtensionName.FromUserProperty(name) is { } extension && !_settings.Overrides.ContainsKey(extension)
            ? CloudEventAttribute.CreateExtension(extension, CloudEventAttributeType.String)
            : null;
        if (_userPropertyAttributes.Count < TypeCacheLimit)
        {
            _userPropertyAttributes.TryAdd(name, attribute);
        }

        return attribute;
    }

    private static bool IsJson(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || !System.Text.Unicode.Utf8.IsValid(payload))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
