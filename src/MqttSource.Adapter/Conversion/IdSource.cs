namespace MqttSource.Adapter.Conversion;

/// <summary>The <c>event.idFrom</c> setting: a user property name or a JSON pointer into the payload.</summary>
internal sealed record IdSource(IdSourceKind Kind, string Argument)
{
    public static readonly IdSource None = new(IdSourceKind.Generated, string.Empty);

    /// <summary>Parses <c>userProperty:&lt;name&gt;</c> or <c>json:&lt;pointer&gt;</c>; empty means generated ids.</summary>
    public static IdSource Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return None;
        }

        if (text.StartsWith("userProperty:", StringComparison.Ordinal) && text.Length > "userProperty:".Length)
        {
            return new IdSource(IdSourceKind.UserProperty, text["userProperty:".Length..]);
        }

        if (text.StartsWith("json:/", StringComparison.Ordinal))
        {
            return new IdSource(IdSourceKind.JsonPointer, text["json:".Length..]);
        }

        throw new FormatException($"idFrom '{text}' must be userProperty:<name> or json:<JSON pointer starting with />");
    }
}
