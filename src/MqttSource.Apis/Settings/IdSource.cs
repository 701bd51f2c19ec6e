namespace MqttSource.Apis.Settings;

/// <summary>Parsed <c>spec.event.idFrom</c>.</summary>
/// <param name="Kind">User property or JSON pointer.</param>
/// <param name="Value">The property name, or the JSON pointer (starting with <c>/</c>).</param>
public sealed record IdSource(IdSourceKind Kind, string Value)
{
    private const string UserPropertyPrefix = "userProperty:";
    private const string JsonPrefix = "json:";

    /// <summary>Parses <c>userProperty:&lt;name&gt;</c> or <c>json:&lt;JSON pointer&gt;</c>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out IdSource? value, out string? error)
    {
        value = null;
        error = null;
        if (text is not null && text.StartsWith(UserPropertyPrefix, StringComparison.Ordinal))
        {
            var name = text[UserPropertyPrefix.Length..];
            if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
            {
                error = "userProperty: needs a property name (without U+0000)";
                return false;
            }

            value = new IdSource(IdSourceKind.UserProperty, name);
            return true;
        }

        if (text is not null && text.StartsWith(JsonPrefix, StringComparison.Ordinal))
        {
            var pointer = text[JsonPrefix.Length..];
            error = ValidateJsonPointer(pointer);
            if (error is not null)
            {
                return false;
            }

            value = new IdSource(IdSourceKind.JsonPointer, pointer);
            return true;
        }

        error = "must be userProperty:<name> or json:<JSON pointer>, e.g. userProperty:msgid or json:/id";
        return false;
    }

    /// <summary>The reference tokens of a JSON pointer (RFC 6901), unescaped; empty for anything else.</summary>
    public IReadOnlyList<string> PointerTokens() => Kind != IdSourceKind.JsonPointer
        ? []
        : [.. Value.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static string? ValidateJsonPointer(string pointer)
    {
        if (pointer.Length == 0 || pointer[0] != '/')
        {
            return "json: needs a JSON pointer starting with /, e.g. json:/id or json:/meta/id";
        }

        for (var i = 0; i < pointer.Length; i++)
        {
            if (pointer[i] == '~' && (i + 1 == pointer.Length || pointer[i + 1] is not ('0' or '1')))
            {
                return "json: pointer has '~' not followed by 0 or 1 (write ~0 for ~ and ~1 for /)";
            }
        }

        return null;
    }
}
