using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Validation;

namespace MqttSource.Apis.Json;

/// <summary>
/// Reading and writing the spec and status. Before deserializing, the JSON is walked against the generated
/// metadata so that every value of the wrong kind is reported at once with its path
/// (<c>spec.topics[0].qos: expected an integer (got a string)</c>), and unknown members can be listed.
/// </summary>
public static class MqttSourceJson
{
    /// <summary>
    /// The members of <paramref name="specJson"/> this version does not know (misspellings, fields of newer
    /// versions), e.g. <c>spec.topics[0].qso: unknown field</c>. Empty for malformed JSON (reading reports that).
    /// </summary>
    public static IReadOnlyList<FieldError> FindUnknownFields(string specJson)
    {
        ArgumentNullException.ThrowIfNull(specJson);
        try
        {
            using var document = JsonDocument.Parse(specJson);
            var walk = new Walk();
            walk.Check(document.RootElement, MqttSourceJsonContext.Default.MqttSourceSpec, "spec");
            return walk.Unknown;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    internal static MqttSourceSpec ReadSpec(string json, bool strict) =>
        Read(json, MqttSourceJsonContext.Default.MqttSourceSpec, "spec", strict);

    internal static T Read<T>(string json, JsonTypeInfo<T> typeInfo, string root, bool strict)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {e.BytePositionInLine + 1}")
                : string.Empty;
            var reason = Trim(e.Message);
            var sentence = reason.IndexOf(". ", StringComparison.Ordinal);
            throw Invalid(root, [new(root, "invalid JSON" + where + ": " + (sentence < 0 ? reason : reason[..sentence]))], e);
        }

        using (document)
        {
            var walk = new Walk();
            walk.Check(document.RootElement, typeInfo, root);
            var errors = strict ? [.. walk.Errors, .. walk.Unknown] : walk.Errors;
            if (errors.Count > 0)
            {
                throw Invalid(root, errors, null);
            }

            try
            {
                return document.RootElement.Deserialize(typeInfo)
                    ?? throw Invalid(root, [new(root, "expected an object (got null)")], null);
            }
            catch (JsonException e)
            {
                var path = e.Path is { Length: > 0 } p ? root + p.TrimStart('$') : root;
                throw Invalid(root, [new(path, Trim(e.Message))], e);
            }
        }
    }

    internal static string Write<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);

    private static MqttSourceValidationException Invalid(string root, IReadOnlyList<FieldError> errors, Exception? inner) =>
        new("The MqttSource " + root + " JSON is not readable:", errors, inner);

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ', '|');
    }

    private sealed class Walk
    {
        public List<FieldError> Errors { get; } = [];

        public List<FieldError> Unknown { get; } = [];

        public void Check(JsonElement element, JsonTypeInfo info, string path)
        {
            var type = info.Type;
            var underlying = Nullable.GetUnderlyingType(type);
            if (element.ValueKind == JsonValueKind.Null)
            {
                if (type.IsValueType && underlying is null)
                {
                    Errors.Add(new(path, "expected " + Expected(info) + " (got null)"));
                }

                return;
            }

            if (type == typeof(JsonNode))
            {
                return;
            }

            var ok = Expected(info) switch
            {
                "an integer" => element.ValueKind == JsonValueKind.Number && ((underlying ?? type) == typeof(long) ? element.TryGetInt64(out _) : element.TryGetInt32(out _)),
                "true or false" => element.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "a string" or "an RFC 3339 time" => element.ValueKind == JsonValueKind.String,
                "an array" => element.ValueKind == JsonValueKind.Array,
                _ => element.ValueKind == JsonValueKind.Object,
            };
            if (!ok)
            {
                Errors.Add(new(path, "expected " + Expected(info) + " (got " + Describe(element) + ")"));
                return;
            }

            if (typeof(JsonNode).IsAssignableFrom(type))
            {
                return; // passed through untouched
            }

            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    CheckObject(element, info, path);
                    break;
                case JsonTypeInfoKind.Enumerable:
                    var items = info.Options.GetTypeInfo(info.ElementType!);
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Check(item, items, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                        i++;
                    }

                    break;
                case JsonTypeInfoKind.Dictionary:
                    var values = info.Options.GetTypeInfo(info.ElementType!);
                    foreach (var member in element.EnumerateObject())
                    {
                        Check(member.Value, values, path + "[" + member.Name + "]");
                    }

                    break;
            }
        }

        private void CheckObject(JsonElement element, JsonTypeInfo info, string path)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in element.EnumerateObject())
            {
                var memberPath = path + "." + member.Name;
                if (!seen.Add(member.Name))
                {
                    Errors.Add(new(memberPath, "duplicate field"));
                    continue;
                }

                var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, member.Name, StringComparison.Ordinal));
                if (property is null)
                {
                    Unknown.Add(new(memberPath, "unknown field"));
                    continue;
                }

                Check(member.Value, info.Options.GetTypeInfo(property.PropertyType), memberPath);
            }

            foreach (var property in info.Properties.Where(p => p.IsRequired && !seen.Contains(p.Name)))
            {
                Errors.Add(new(path + "." + property.Name, "required"));
            }
        }

        private static string Expected(JsonTypeInfo info)
        {
            var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
            return type == typeof(int) || type == typeof(long) ? "an integer"
                : type == typeof(bool) ? "true or false"
                : type == typeof(string) ? "a string"
                : type == typeof(DateTimeOffset) ? "an RFC 3339 time"
                : type == typeof(JsonArray) || info.Kind == JsonTypeInfoKind.Enumerable ? "an array"
                : "an object";
        }

        private static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "the number " + element.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
