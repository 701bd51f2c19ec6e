using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace MqttSource.CloudEvents.Json;

/// <summary>
/// The SDK reads an extension it does not know as a String, even from a JSON number or boolean, so a passed-through
/// event would change <c>"count": 3</c> into <c>"count": "3"</c>. This finds those members first and declares them as
/// Integer or Boolean extensions for the SDK's decoder, which then parses and validates them as such. On the way it
/// refuses, with a message that names the member, what the SDK would refuse with a vague one: a missing or non-string
/// specversion, a number that is no 32-bit integer, an object or array as an extension value.
/// </summary>
internal static class JsonExtensionTypes
{
    private const int CacheLimit = 4096;

    private static readonly SearchValues<char> NameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly ConcurrentDictionary<(string Name, JsonValueKind Kind), CloudEventAttribute> Cache = new();

    /// <summary>The given extensions plus one typed extension per unknown number or boolean member of <paramref name="element"/>.</summary>
    /// <exception cref="InvalidCloudEventException">A member is of a kind no CloudEvents attribute can have.</exception>
    public static IEnumerable<CloudEventAttribute>? With(JsonElement element, IEnumerable<CloudEventAttribute>? known)
    {
        if (!element.TryGetProperty("specversion"u8, out var specVersion) || specVersion.ValueKind != JsonValueKind.String)
        {
            throw new InvalidCloudEventException(specVersion.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? "Invalid CloudEvent: missing required attribute 'specversion'."
                : $"Invalid CloudEvent: 'specversion' must be a JSON string, not {RawJsonEventFormatter.Describe(specVersion.ValueKind)}.");
        }

        List<CloudEventAttribute>? found = null;
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            if (value.ValueKind is JsonValueKind.String or JsonValueKind.Null || !IsUnknownExtension(member.Name, known))
            {
                continue;
            }

            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                throw new InvalidCloudEventException(
                    $"Invalid CloudEvent: extension attribute '{member.Name}' must be a string, number or boolean, not {RawJsonEventFormatter.Describe(value.ValueKind)}.");
            }

            if (value.ValueKind == JsonValueKind.Number && !value.TryGetInt32(out _))
            {
                throw new InvalidCloudEventException(
                    $"Invalid CloudEvent: extension attribute '{member.Name}' must be an integer from -2147483648 to 2147483647, not {value.GetRawText()}.");
            }

            var kind = value.ValueKind == JsonValueKind.Number ? JsonValueKind.Number : JsonValueKind.True;
            (found ??= known is null ? [] : [.. known]).Add(Attribute(member.Name, kind));
        }

        return found ?? known;
    }

    private static bool IsUnknownExtension(string name, IEnumerable<CloudEventAttribute>? known)
    {
        if (!IsValidName(name) || name is "specversion" or "data" or "data_base64"
            || CloudEventsSpecVersion.V1_0.AllAttributes.Any(attribute => attribute.Name == name))
        {
            return false;
        }

        return known is null || !known.Any(attribute => attribute.Name == name);
    }

    private static bool IsValidName(string name) => name.Length > 0 && name.AsSpan().IndexOfAnyExcept(NameCharacters) < 0;

    private static CloudEventAttribute Attribute(string name, JsonValueKind kind)
    {
        if (Cache.TryGetValue((name, kind), out var cached))
        {
            return cached;
        }

        var attribute = CloudEventAttribute.CreateExtension(name, kind == JsonValueKind.Number ? CloudEventAttributeType.Integer : CloudEventAttributeType.Boolean);
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd((name, kind), attribute);
        }

        return attribute;
    }
}
