using System.Collections.Concurrent;
using CloudNative.CloudEvents;

namespace MqttSource.CloudEvents.Mqtt;

/// <summary>
/// The extension attributes a wrapped MQTT message carries (PRODUCT.md §4.2), typed: <c>mqttqos</c> (Integer),
/// <c>mqttretain</c> (Boolean) and one String <c>mqtt&lt;name&gt;</c> per MQTT 5 user property.
/// </summary>
public static class MqttCloudEventAttributes
{
    private const int CacheLimit = 10_000;

    private static readonly ConcurrentDictionary<string, CloudEventAttribute?> UserPropertyAttributes = new(StringComparer.Ordinal);

    /// <summary><c>mqttqos</c>: the QoS the message was delivered with (0, 1 or 2).</summary>
    public static CloudEventAttribute Qos { get; } = CloudEventAttribute.CreateExtension("mqttqos", CloudEventAttributeType.Integer);

    /// <summary><c>mqttretain</c>: true for a retained message (absent otherwise).</summary>
    public static CloudEventAttribute Retain { get; } = CloudEventAttribute.CreateExtension("mqttretain", CloudEventAttributeType.Boolean);

    /// <summary>The typed attributes above, for decoders that should restore their types.</summary>
    public static IReadOnlyList<CloudEventAttribute> All { get; } = [Qos, Retain];

    /// <summary>
    /// The extension name of a user property: <c>mqtt</c> + the name lower-cased with everything but [a-z0-9] removed;
    /// null when nothing is left or it would be <c>mqttqos</c> or <c>mqttretain</c>.
    /// </summary>
    /// <param name="propertyName">The user property name.</param>
    public static string? UserPropertyExtensionName(string propertyName)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        Span<char> buffer = stackalloc char[Math.Min(propertyName.Length, 256) + 4];
        "mqtt".CopyTo(buffer);
        var length = 4;
        foreach (var c in propertyName)
        {
            var lower = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') && length < buffer.Length)
            {
                buffer[length++] = lower;
            }
        }

        if (length == 4)
        {
            return null;
        }

        var name = new string(buffer[..length]);
        return name == Qos.Name || name == Retain.Name ? null : name;
    }

    /// <summary>The String extension attribute of a user property (made once per name), or null when the name maps to none.</summary>
    /// <param name="propertyName">The user property name.</param>
    public static CloudEventAttribute? ForUserProperty(string propertyName)
    {
        if (UserPropertyAttributes.TryGetValue(propertyName, out var cached))
        {
            return cached;
        }

        var attribute = UserPropertyExtensionName(propertyName) is { } name
            ? CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String)
            : null;
        if (UserPropertyAttributes.Count < CacheLimit)
        {
            UserPropertyAttributes.TryAdd(propertyName, attribute);
        }

        return attribute;
    }
}
