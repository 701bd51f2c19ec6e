using System.Diagnostics.CodeAnalysis;
using MqttSource.CloudEvents.Json;
using MqttSource.Mqtt;

namespace MqttSource.CloudEvents.Mqtt;

/// <summary>
/// The MQTT protocol binding: MQTT 5 structured and binary mode (attributes as user properties named
/// exactly like the attribute), MQTT 3.1.1 structured mode.
/// </summary>
public static class MqttCloudEventExtensions
{
    /// <summary>
    /// Reads a CloudEvent from a message, saying whether it is one at all. MQTT 5: a Content Type starting
    /// with application/cloudevents is structured mode; a specversion user property (also ce-/ce_
    /// prefixed) is binary mode. MQTT 3.1.1, and MQTT 5 messages without a Content Type: a JSON object
    /// payload with a specversion member is structured mode.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="protocolVersion">The protocol version it arrived with.</param>
    /// <param name="formatter">The event format for structured mode; null for JSON.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null.</param>
    public static MqttCloudEventDecodeResult DecodeCloudEvent(
        this MqttApplicationMessage message,
        MqttProtocolVersion protocolVersion,
        CloudEventFormatter? formatter = null,
        IEnumerable<CloudEventAttribute>? extensionAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        formatter ??= JsonEventFormatter.Instance;
        var contentType = protocolVersion == MqttProtocolVersion.V500 ? message.ContentType : null;
        if (MediaTypes.IsCloudEvents(contentType))
        {
            return DecodeStructured(message.Payload, contentType!, formatter, extensionAttributes);
        }

        if (protocolVersion == MqttProtocolVersion.V500 && HasSpecVersionProperty(message.UserProperties))
        {
            return DecodeBinary(message, extensionAttributes);
        }

        if (contentType is not null)
        {
            return MqttCloudEventDecodeResult.NotACloudEvent(
                $"the Content Type '{contentType}' is not a CloudEvents type and there is no specversion user property");
        }

        return JsonObjectProbe.HasSpecVersion(message.Payload.Span, out var reason)
            ? DecodeStructured(message.Payload, formatter.StructuredContentType, formatter, extensionAttributes)
            : MqttCloudEventDecodeResult.NotACloudEvent(reason!);
    }

    /// <summary>Reads a CloudEvent (JSON format for structured mode) or says why the message is not a valid one.</summary>
    /// <param name="message">The message.</param>
    /// <param name="protocolVersion">The protocol version it arrived with.</param>
    /// <param name="cloudEvent">The event, when valid.</param>
    /// <param name="reason">Why not, otherwise: not a CloudEvent, or an invalid one (see <see cref="DecodeCloudEvent"/> to tell them apart).</param>
    /// <returns>True for a valid CloudEvent.</returns>
    public static bool TryDecodeCloudEvent(
        this MqttApplicationMessage message,
        MqttProtocolVersion protocolVersion,
        [NotNullWhen(true)] out CloudEvent? cloudEvent,
        [NotNullWhen(false)] out string? reason)
    {
        var result = message.DecodeCloudEvent(protocolVersion);
        cloudEvent = result.CloudEvent;
        reason = result.Reason;
        return cloudEvent is not null;
    }

    /// <summary>
    /// Encodes an event as an MQTT message. Binary (MQTT 5 only): attributes as user properties without
    /// prefix, Content Type = datacontenttype, payload = data. Structured: the formatter's encoding, with
    /// the format's Content Type on MQTT 5.
    /// </summary>
    /// <param name="cloudEvent">The event; it must be valid.</param>
    /// <param name="contentMode">Binary or structured.</param>
    /// <param name="formatter">The event format for structured mode; null for JSON.</param>
    /// <param name="topic">The topic to publish to.</param>
    /// <param name="protocolVersion">The protocol version; 3.1.1 allows only structured mode.</param>
    /// <exception cref="ArgumentException">Binary mode was asked for with MQTT 3.1.1.</exception>
    /// <exception cref="InvalidOperationException">Required attributes are missing.</exception>
    public static MqttApplicationMessage ToMqttApplicationMessage(
        this CloudEvent cloudEvent,
        ContentMode contentMode,
        CloudEventFormatter? formatter,
        string topic,
        MqttProtocolVersion protocolVersion = MqttProtocolVersion.V500)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        ArgumentNullException.ThrowIfNull(topic);
        cloudEvent.Validate();
        formatter ??= JsonEventFormatter.Instance;
        if (contentMode == ContentMode.Structured)
        {
            return new MqttApplicationMessage
            {
                Topic = topic,
                Payload = formatter.EncodeStructuredModeMessage(cloudEvent),
                ContentType = protocolVersion == MqttProtocolVersion.V500 ? formatter.StructuredContentType : null,
            };
        }

        if (protocolVersion != MqttProtocolVersion.V500)
        {
            throw new ArgumentException("MQTT 3.1.1 has no user properties, so it carries CloudEvents in structured mode only.", nameof(contentMode));
        }

        var properties = new List<MqttUserProperty>(8);
        foreach (var (attribute, value) in cloudEvent.GetPopulatedAttributes())
        {
            if (attribute != cloudEvent.SpecVersion.DataContentTypeAttribute)
            {
                properties.Add(new MqttUserProperty(attribute.Name, attribute.Format(value)));
            }
        }

        return new MqttApplicationMessage
        {
            Topic = topic,
            Payload = cloudEvent.Data ?? ReadOnlyMemory<byte>.Empty,
            ContentType = cloudEvent.DataContentType,
            UserProperties = properties,
        };
    }

    private static MqttCloudEventDecodeResult DecodeStructured(
        ReadOnlyMemory<byte> payload,
        string contentType,
        CloudEventFormatter formatter,
        IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        if (!MediaTypes.Is(contentType, formatter.StructuredContentType))
        {
            return MqttCloudEventDecodeResult.Invalid(ContentMode.Structured,
                $"unsupported CloudEvents format '{contentType}' (expected {formatter.StructuredContentType}; batches are not used over MQTT)");
        }

        try
        {
            return MqttCloudEventDecodeResult.Valid(formatter.DecodeStructuredModeMessage(payload.Span, extensionAttributes), ContentMode.Structured);
        }
        catch (CloudEventFormatException ex)
        {
            return MqttCloudEventDecodeResult.Invalid(ContentMode.Structured, ex.Message);
        }
    }

    private static MqttCloudEventDecodeResult DecodeBinary(MqttApplicationMessage message, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        var cloudEvent = new CloudEvent(extensionAttributes);
        var seenSpecVersion = false;
        foreach (var property in message.UserProperties!)
        {
            var name = AttributeName(property.Name);
            if (!CloudEventAttribute.IsValidName(name) || (name == "datacontenttype" && message.ContentType is not null))
            {
                continue;
            }

            var duplicate = name == "specversion" ? seenSpecVersion : cloudEvent[name] is not null;
            seenSpecVersion |= name == "specversion";
            if (duplicate)
            {
                return MqttCloudEventDecodeResult.Invalid(ContentMode.Binary, $"Invalid CloudEvent: attribute '{name}' appears more than once in the user properties.");
            }

            if (!cloudEvent.TrySetAttributeFromString(name, property.Value, out var error))
            {
                return MqttCloudEventDecodeResult.Invalid(ContentMode.Binary, "Invalid CloudEvent: " + error);
            }
        }

        var missing = cloudEvent.GetMissingRequiredAttributes();
        if (missing.Count > 0)
        {
            return MqttCloudEventDecodeResult.Invalid(ContentMode.Binary,
                $"Invalid CloudEvent: missing required attribute(s): {string.Join(", ", missing)} (as user properties).");
        }

        if (message.ContentType is { } contentType && !cloudEvent.TrySetAttributeFromString("datacontenttype", contentType, out var contentTypeError))
        {
            return MqttCloudEventDecodeResult.Invalid(ContentMode.Binary, "Invalid CloudEvent: " + contentTypeError);
        }

        if (!message.Payload.IsEmpty)
        {
            cloudEvent.Data = message.Payload;
        }

        return MqttCloudEventDecodeResult.Valid(cloudEvent, ContentMode.Binary);
    }

    private static bool HasSpecVersionProperty(IReadOnlyList<MqttUserProperty>? properties)
    {
        if (properties is null)
        {
            return false;
        }

        foreach (var property in properties)
        {
            if (AttributeName(property.Name) is "specversion")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The attribute name a user property carries: its name without a ce- or ce_ prefix some SDKs add.</summary>
    private static string AttributeName(string propertyName) =>
        propertyName.Length > 3 && (propertyName.StartsWith("ce-", StringComparison.OrdinalIgnoreCase)
            || propertyName.StartsWith("ce_", StringComparison.OrdinalIgnoreCase))
            ? propertyName[3..]
            : propertyName;
}
