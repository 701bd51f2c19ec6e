using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;
using MqttSource.CloudEvents.Json;
using MqttSource.Mqtt;

namespace MqttSource.CloudEvents.Mqtt;

/// <summary>
/// The MQTT protocol binding on the SDK's types: MQTT 5 structured and binary mode (attributes as user properties named
/// exactly like the attribute), MQTT 3.1.1 structured mode. The SDK's own MQTT package is for another MQTT client and
/// structured mode only, so this mapping is ours; attribute parsing and validation are the SDK's.
/// </summary>
public static class MqttCloudEventExtensions
{
    private static readonly SearchValues<char> NameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>
    /// Reads a CloudEvent from a message, saying whether it is one at all. MQTT 5: a Content Type starting with
    /// application/cloudevents is structured mode; a specversion user property (also ce-/ce_ prefixed) is binary mode.
    /// MQTT 3.1.1, and MQTT 5 messages without a Content Type: a JSON object payload with a specversion member is
    /// structured mode. Data is the payload bytes (binary mode) or the raw bytes of "data" (structured mode).
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="protocolVersion">The protocol version it arrived with.</param>
    /// <param name="formatter">The event format for structured mode; null for <see cref="RawJsonEventFormatter"/>.</param>
    /// <param name="extensionAttributes">Extensions whose typed values should be restored, or null (they stay strings).</param>
    public static MqttCloudEventDecodeResult DecodeCloudEvent(
        this MqttApplicationMessage message,
        MqttProtocolVersion protocolVersion,
        CloudEventFormatter? formatter = null,
        IEnumerable<CloudEventAttribute>? extensionAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        formatter ??= RawJsonEventFormatter.Instance;
        var contentType = protocolVersion == MqttProtocolVersion.V500 ? message.ContentType : null;
        if (MimeUtilities.IsCloudEventsContentType(contentType) || MimeUtilities.IsCloudEventsBatchContentType(contentType))
        {
            return DecodeStructured(message.Payload, contentType, formatter, extensionAttributes);
        }

        if (protocolVersion == MqttProtocolVersion.V500 && HasSpecVersionProperty(message.UserProperties))
        {
            return DecodeBinary(message, formatter, extensionAttributes);
        }

        if (contentType is not null)
        {
            return MqttCloudEventDecodeResult.NotACloudEvent(
                $"the Content Type '{contentType}' is not a CloudEvents type and there is no specversion user property");
        }

        return JsonObjectProbe.HasSpecVersion(message.Payload.Span, out var reason)
            ? DecodeStructured(message.Payload, RawJsonEventFormatter.StructuredMediaType, formatter, extensionAttributes)
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
    /// Encodes an event as an MQTT message. Binary (MQTT 5 only): attributes as user properties without prefix
    /// (specversion first), Content Type = datacontenttype, payload = the formatter's binary data. Structured: the
    /// formatter's encoding, with its Content Type on MQTT 5.
    /// </summary>
    /// <param name="cloudEvent">The event; it must be valid.</param>
    /// <param name="contentMode">Binary or structured.</param>
    /// <param name="formatter">The event format; null for <see cref="RawJsonEventFormatter"/>.</param>
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
        formatter ??= RawJsonEventFormatter.Instance;
        if (contentMode == ContentMode.Structured)
        {
            var payload = formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
            return new MqttApplicationMessage
            {
                Topic = topic,
                Payload = payload,
                ContentType = protocolVersion == MqttProtocolVersion.V500 ? contentType.MediaType : null,
            };
        }

        if (protocolVersion != MqttProtocolVersion.V500)
        {
            throw new ArgumentException("MQTT 3.1.1 has no user properties, so it carries CloudEvents in structured mode only.", nameof(contentMode));
        }

        var properties = new List<MqttUserProperty>(8) { new(CloudEventsSpecVersion.SpecVersionAttribute.Name, cloudEvent.SpecVersion.VersionId) };
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
            Payload = formatter.EncodeBinaryModeEventData(cloudEvent),
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
        var mediaType = CloudEventData.MediaTypeOf(contentType);
        if (!mediaType.Equals(RawJsonEventFormatter.StructuredMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return MqttCloudEventDecodeResult.Invalid(ContentMode.Structured,
                $"Invalid CloudEvent: unsupported CloudEvents format '{contentType}' (expected {RawJsonEventFormatter.StructuredMediaType}; batches are not used over MQTT).");
        }

        try
        {
            var parsed = contentType.Length == mediaType.Length ? null : new ContentType(contentType);
            return MqttCloudEventDecodeResult.Valid(formatter.DecodeStructuredModeMessage(payload, parsed, extensionAttributes), ContentMode.Structured);
        }
        catch (Exception ex) when (ErrorText.IsInvalidInput(ex))
        {
            return MqttCloudEventDecodeResult.Invalid(ContentMode.Structured, ErrorText.InvalidCloudEvent(ex));
        }
    }

    private static MqttCloudEventDecodeResult DecodeBinary(MqttApplicationMessage message, CloudEventFormatter formatter, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        var specVersion = default(string);
        var cloudEvent = default(CloudEvent);
        try
        {
            foreach (var property in message.UserProperties!)
            {
                var name = AttributeName(property.Name);
                if (name == CloudEventsSpecVersion.SpecVersionAttribute.Name)
                {
                    if (specVersion is not null)
                    {
                        return Invalid("attribute 'specversion' appears more than once in the user properties");
                    }

                    specVersion = property.Value;
                    cloudEvent = CloudEventsSpecVersion.FromVersionId(specVersion) is { } version
                        ? new CloudEvent(version, extensionAttributes)
                        : null;
                }
            }

            if (cloudEvent is null)
            {
                return Invalid($"unsupported specversion '{specVersion}' (this adapter reads CloudEvents {CloudEventsSpecVersion.Default.VersionId})");
            }

            foreach (var property in message.UserProperties!)
            {
                var name = AttributeName(property.Name);
                if (name.AsSpan().IndexOfAnyExcept(NameCharacters) >= 0 || name.Length == 0
                    || name == CloudEventsSpecVersion.SpecVersionAttribute.Name
                    || (name == cloudEvent.SpecVersion.DataContentTypeAttribute.Name && message.ContentType is not null))
                {
                    continue; // not an attribute (user properties may carry anything else), or Content Type wins
                }

                if (cloudEvent[name] is not null)
                {
                    return Invalid($"attribute '{name}' appears more than once in the user properties");
                }

                cloudEvent.SetAttributeFromString(name, property.Value);
            }

            if (!cloudEvent.IsValid)
            {
                var missing = cloudEvent.SpecVersion.RequiredAttributes.Where(attribute => cloudEvent[attribute] is null).Select(attribute => attribute.Name);
                return Invalid($"missing required attribute(s): {string.Join(", ", missing)} (as user properties)");
            }

            if (message.ContentType is { } contentType)
            {
                cloudEvent.DataContentType = contentType;
            }

            formatter.DecodeBinaryModeEventData(message.Payload, cloudEvent);
            return MqttCloudEventDecodeResult.Valid(cloudEvent, ContentMode.Binary);
        }
        catch (Exception ex) when (ErrorText.IsInvalidInput(ex))
        {
            return MqttCloudEventDecodeResult.Invalid(ContentMode.Binary, ErrorText.InvalidCloudEvent(ex));
        }

        static MqttCloudEventDecodeResult Invalid(string reason) =>
            MqttCloudEventDecodeResult.Invalid(ContentMode.Binary, "Invalid CloudEvent: " + reason + ".");
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
