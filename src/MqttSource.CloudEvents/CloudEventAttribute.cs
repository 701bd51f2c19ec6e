using System.Diagnostics.CodeAnalysis;
using MqttSource.CloudEvents.Core;

namespace MqttSource.CloudEvents;

/// <summary>A CloudEvents context attribute: its name, its type, and whether it is required or an extension.</summary>
[SuppressMessage("Naming", "CA1711", Justification = "A CloudEvents context attribute, not a .NET attribute; the specification's term.")]
public sealed class CloudEventAttribute
{
    private static readonly string[] ReservedNames =
        ["specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time", "data", "data_base64"];

    private CloudEventAttribute(string name, CloudEventAttributeType type, bool isRequired, bool isExtension)
    {
        Name = name;
        Type = type;
        IsRequired = isRequired;
        IsExtension = isExtension;
    }

    private string? httpHeaderName;

    /// <summary>The attribute name: lower-case letters and digits.</summary>
    public string Name { get; }

    /// <summary>The attribute's type.</summary>
    public CloudEventAttributeType Type { get; }

    /// <summary>Whether every event must have it.</summary>
    public bool IsRequired { get; }

    /// <summary>Whether it is an extension rather than defined by the core specification.</summary>
    public bool IsExtension { get; }

    /// <summary>Creates an extension attribute of the given type.</summary>
    /// <param name="name">The name: <c>[a-z0-9]+</c>, not one the specification reserves.</param>
    /// <param name="type">The type of its values.</param>
    /// <exception cref="ArgumentException">The name is invalid or reserved.</exception>
    public static CloudEventAttribute CreateExtension(string name, CloudEventAttributeType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        if (CheckExtensionName(name) is { } error)
        {
            throw new ArgumentException(error, nameof(name));
        }

        return new CloudEventAttribute(name, type, isRequired: false, isExtension: true);
    }

    /// <summary>Whether a name is a valid attribute name: one or more of <c>a-z</c> and <c>0-9</c>.</summary>
    /// <param name="name">The name to check.</param>
    public static bool IsValidName(ReadOnlySpan<char> name) =>
        !name.IsEmpty && name.IndexOfAnyExcept(AttributeNameCharacters.Values) < 0;

    /// <summary>Whether a name is reserved by the specification (cannot be an extension).</summary>
    /// <param name="name">The name to check.</param>
    public static bool IsReservedName(string name) => Array.IndexOf(ReservedNames, name) >= 0;

    /// <summary>Checks a value for this attribute.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The value is invalid; the message names the attribute.</exception>
    public object Validate(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if ((Type.Check(value) ?? CheckNotEmpty(value)) is { } error)
        {
            throw InvalidValue(error);
        }

        return value;
    }

    /// <summary>Parses the canonical string form of a value for this attribute.</summary>
    /// <param name="text">The string form.</param>
    /// <returns>The typed value.</returns>
    /// <exception cref="ArgumentException">The text is invalid; the message names the attribute.</exception>
    public object Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw InvalidValue(error);

    /// <summary>Parses the canonical string form of a value for this attribute.</summary>
    /// <param name="text">The string form.</param>
    /// <param name="value">The typed value.</param>
    /// <param name="error">Why the text is invalid (without the attribute name), when it is.</param>
    /// <returns>True when valid.</returns>
    public bool TryParse(string text, [NotNullWhen(true)] out object? value, [NotNullWhen(false)] out string? error)
    {
        if (Type.TryParse(text, out value, out error) && CheckNotEmpty(value) is { } empty)
        {
            error = empty;
            value = null;
        }

        return error is null;
    }

    /// <summary>Formats a value of this attribute in its canonical string form.</summary>
    /// <param name="value">The value.</param>
    public string Format(object value) => Type.Format(value);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>The HTTP binary-mode header name: ce-&lt;name&gt; (created once).</summary>
    internal string HttpHeaderName => httpHeaderName ??= "ce-" + Name;

    internal static CloudEventAttribute CreateCore(string name, CloudEventAttributeType type, bool isRequired) =>
        new(name, type, isRequired, isExtension: false);

    /// <summary>Why a name cannot be an extension, or null when it can.</summary>
    internal static string? CheckExtensionName(string name) =>
        !IsValidName(name) ? $"'{name}' is not a valid attribute name: use only lower-case letters a-z and digits 0-9"
        : IsReservedName(name) ? $"'{name}' is reserved by the CloudEvents specification and cannot be an extension attribute"
        : null;

    /// <summary>The core specification says its attributes, when present, are non-empty.</summary>
    private string? CheckNotEmpty(object value) =>
        !IsExtension && value is string { Length: 0 } ? "the value must not be empty" : null;

    internal ArgumentException InvalidValue(string reason) =>
        new($"Invalid value for CloudEvent attribute '{Name}': {reason}.", Name);
}
