using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace MqttSource.CloudEvents.Json;

/// <summary>
/// The SDK reads an extension it does not know as a String, even from a JSON number or boolean, so a passed-through
/// event would change <c>"count": 3</c> into <c>"count": "3"</c>. This finds those members first and declares them as
/// Integer or Boolean extensions for the SDK's decoder, which then parses and validates them as such.
/// </summary>
internal static class JsonExtensionTypes
{
    private const int CacheLimit = 4096;

    private static readonly SearchValues<char> NameCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly ConcurrentDictionary<(string Name, JsonValueKind Kind), CloudEventAttribute> Cache = new();

    /// <summary>The given extensions plus one typed extension per unknown number or boolean member of <paramref name="element"/>.</summary>
    public static IEnumerable<CloudEventAttribute>? With(JsonElement element, IEnumerable<CloudEventAttribute>? known)
    {
        List<CloudEventAttribute>? found = null;
        foreach (var member in element.EnumerateObject())
        {
            var kind = member.Value.ValueKind switch
            {
                JsonValueKind.Number => JsonValueKind.Number,
                JsonValueKind.True or JsonValueKind.False => JsonValueKind.True,
                _ => JsonValueKind.Undefined,
            };
            if (kind == JsonValueKind.Undefined || !IsUnknownExtension(member.Name, known))
            {
                continue;
            }

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
