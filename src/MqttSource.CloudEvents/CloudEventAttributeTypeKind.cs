using System.Diagnostics.CodeAnalysis;

namespace MqttSource.CloudEvents;

/// <summary>The CloudEvents type system, as an ordinal for fast switching.</summary>
public enum CloudEventAttributeTypeKind
{
    /// <summary>Sequence of allowable Unicode characters.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "The specification's type name.")]
    String,

    /// <summary>A 32-bit signed integer.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "The specification's type name.")]
    Integer,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A sequence of bytes, base64 in string form.</summary>
    Binary,

    /// <summary>An absolute URI (RFC 3986).</summary>
    Uri,

    /// <summary>A URI reference: absolute or relative (RFC 3986).</summary>
    UriReference,

    /// <summary>A date and time, RFC 3339 in string form.</summary>
    Timestamp,
}
