using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MqttSource.CloudEvents.Core;

namespace MqttSource.CloudEvents;

/// <summary>
/// A type of the CloudEvents type system: which CLR type holds its values, how values are checked,
/// and how they convert to and from their canonical string form.
/// </summary>
public sealed class CloudEventAttributeType
{
    private CloudEventAttributeType(CloudEventAttributeTypeKind kind, string name, Type clrType)
    {
        Kind = kind;
        Name = name;
        ClrType = clrType;
    }

    /// <summary>String: held as <see cref="string"/>.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "The specification's type name.")]
    public static CloudEventAttributeType String { get; } = new(CloudEventAttributeTypeKind.String, "String", typeof(string));

    /// <summary>Integer: held as <see cref="int"/>.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "The specification's type name.")]
    public static CloudEventAttributeType Integer { get; } = new(CloudEventAttributeTypeKind.Integer, "Integer", typeof(int));

    /// <summary>Boolean: held as <see cref="bool"/>.</summary>
    public static CloudEventAttributeType Boolean { get; } = new(CloudEventAttributeTypeKind.Boolean, "Boolean", typeof(bool));

    /// <summary>Binary: held as a <see cref="byte"/> array.</summary>
    public static CloudEventAttributeType Binary { get; } = new(CloudEventAttributeTypeKind.Binary, "Binary", typeof(byte[]));

    /// <summary>URI (absolute): held as <see cref="System.Uri"/>.</summary>
    public static CloudEventAttributeType Uri { get; } = new(CloudEventAttributeTypeKind.Uri, "URI", typeof(Uri));

    /// <summary>URI-reference: held as <see cref="System.Uri"/>.</summary>
    public static CloudEventAttributeType UriReference { get; } = new(CloudEventAttributeTypeKind.UriReference, "URI-reference", typeof(Uri));

    /// <summary>Timestamp: held as <see cref="DateTimeOffset"/>.</summary>
    public static CloudEventAttributeType Timestamp { get; } = new(CloudEventAttributeTypeKind.Timestamp, "Timestamp", typeof(DateTimeOffset));

    /// <summary>The type as an ordinal.</summary>
    public CloudEventAttributeTypeKind Kind { get; }

    /// <summary>The name the specification uses.</summary>
    public string Name { get; }

    /// <summary>The CLR type values of this type have.</summary>
    public Type ClrType { get; }

    /// <summary>Checks a value; returns null when valid, else why not (without naming the attribute).</summary>
    /// <param name="value">The value to check.</param>
    public string? Check(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.GetType() != ClrType)
        {
            return $"a {Name} value must be a {ClrType.Name}, not a {value.GetType().Name}";
        }

        return Kind switch
        {
            CloudEventAttributeTypeKind.String => CheckString((string)value),
            CloudEventAttributeTypeKind.Uri => CheckAbsoluteUri(((Uri)value).OriginalString),
            CloudEventAttributeTypeKind.UriReference => CheckUriReference(((Uri)value).OriginalString),
            _ => null,
        };
    }

    /// <summary>Formats a value of this type in its canonical string form.</summary>
    /// <param name="value">A value of this type.</param>
    public string Format(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Kind switch
        {
            CloudEventAttributeTypeKind.String => (string)value,
            CloudEventAttributeTypeKind.Integer => ((int)value).ToString(CultureInfo.InvariantCulture),
            CloudEventAttributeTypeKind.Boolean => (bool)value ? "true" : "false",
            CloudEventAttributeTypeKind.Binary => Convert.ToBase64String((byte[])value),
            CloudEventAttributeTypeKind.Uri or CloudEventAttributeTypeKind.UriReference => ((Uri)value).OriginalString,
            _ => Rfc3339.Format((DateTimeOffset)value),
        };
    }

    /// <summary>Parses the canonical string form of a value of this type.</summary>
    /// <param name="text">The string form.</param>
    /// <param name="value">The parsed value.</param>
    /// <param name="error">Why it is invalid, when it is.</param>
    /// <returns>True when valid.</returns>
    public bool TryParse(string text, [NotNullWhen(true)] out object? value, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        var integer = 0;
        Uri? uri = null;
        switch (Kind)
        {
            case CloudEventAttributeTypeKind.String:
                error = CheckString(text);
                value = text;
                break;
            case CloudEventAttributeTypeKind.Integer:
                error = text.Length > 0 && text[0] != '+'
                    && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer)
                    ? null : $"'{text}' is not an Integer (a decimal number from -2147483648 to 2147483647)";
                value = error is null ? Boxes.Int32(integer) : null;
                break;
            case CloudEventAttributeTypeKind.Boolean:
                error = text is "true" or "false" ? null : $"'{text}' is not a Boolean (\"true\" or \"false\")";
                value = error is null ? Boxes.Boolean(text == "true") : null;
                break;
            case CloudEventAttributeTypeKind.Binary:
                var bytes = new byte[text.Length * 3 / 4];
                error = Convert.TryFromBase64String(text, bytes, out var written) ? null : $"'{text}' is not valid base64";
                value = error is null ? bytes.AsSpan(0, written).ToArray() : null;
                break;
            case CloudEventAttributeTypeKind.Uri:
                error = CheckAbsoluteUri(text) ?? (System.Uri.TryCreate(text, UriKind.Absolute, out uri) ? null : $"'{text}' is not an absolute URI");
                value = error is null ? uri : null;
                break;
            case CloudEventAttributeTypeKind.UriReference:
                error = CheckUriReference(text) ?? (System.Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out uri) ? null : $"'{text}' is not a URI-reference");
                value = error is null ? uri : null;
                break;
            default:
                error = Rfc3339.TryParse(text, out var time) ? null : $"'{text}' is not an RFC 3339 timestamp (like 2024-05-01T12:30:00.5Z)";
                value = error is null ? time : null;
                break;
        }

        return error is null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>
    /// Checks a String: the spec disallows control characters (U+0000–U+001F, U+007F–U+009F),
    /// noncharacters and unpaired surrogates.
    /// </summary>
    internal static string? CheckString(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyExceptInRange(' ', '~') < 0)
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' || c is >= '\u007f' and <= '\u009f')
            {
                return $"control character U+{(int)c:X4} is not allowed in a String";
            }

            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                return $"unpaired surrogate U+{(int)c:X4} is not allowed in a String";
            }

            if (codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE)
            {
                return $"noncharacter U+{codePoint:X4} is not allowed in a String";
            }
        }

        return null;
    }

    private static string? CheckUriReference(string text) =>
        text.Length == 0 ? "a URI-reference must not be empty" : CheckString(text);

    private static string? CheckAbsoluteUri(string text)
    {
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" — System.Uri alone would take "/x" as a file path.
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(text[0]))
        {
            return $"'{text}' is not an absolute URI (it needs a scheme, like https:)";
        }

        foreach (var c in text.AsSpan(1, colon - 1))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return $"'{text}' is not an absolute URI (invalid scheme)";
            }
        }

        return CheckString(text);
    }
}
