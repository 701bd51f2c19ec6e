using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using MqttSource.CloudEvents.Core;

namespace MqttSource.CloudEvents;

/// <summary>
/// A CloudEvent (specification 1.0): context attributes, typed extension attributes, and data as bytes
/// described by <see cref="DataContentType"/>. Every value is checked when it is set; an invalid value
/// throws an <see cref="ArgumentException"/> that names the attribute.
/// </summary>
public sealed class CloudEvent
{
    private static readonly CloudEventsSpecVersion Spec = CloudEventsSpecVersion.V1_0;

    private readonly CloudEventAttribute[]? knownExtensions;
    private List<KeyValuePair<CloudEventAttribute, object>>? extensions;
    private string? id;
    private Uri? source;
    private string? type;
    private string? dataContentType;
    private Uri? dataSchema;
    private string? subject;

    /// <summary>Creates an empty event.</summary>
    public CloudEvent()
    {
    }

    /// <summary>Creates an empty event that knows the types of some extension attributes.</summary>
    /// <param name="extensionAttributes">Extensions whose string forms are parsed into their typed values.</param>
    public CloudEvent(IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        if (extensionAttributes is null)
        {
            return;
        }

        foreach (var attribute in extensionAttributes)
        {
            if (!attribute.IsExtension)
            {
                throw new ArgumentException($"'{attribute.Name}' is not an extension attribute.", nameof(extensionAttributes));
            }
        }

        knownExtensions = [.. extensionAttributes];
    }

    /// <summary>The specification version: always 1.0.</summary>
    [SuppressMessage("Performance", "CA1822", Justification = "Part of the event's surface; a later version would vary per event.")]
    public CloudEventsSpecVersion SpecVersion => Spec;

    /// <summary>The <c>id</c> attribute (required, non-empty).</summary>
    public string? Id
    {
        get => id;
        set => id = (string?)Check(Spec.IdAttribute, value);
    }

    /// <summary>The <c>source</c> attribute (required, URI-reference).</summary>
    public Uri? Source
    {
        get => source;
        set => source = (Uri?)Check(Spec.SourceAttribute, value);
    }

    /// <summary>The <c>type</c> attribute (required, non-empty).</summary>
    public string? Type
    {
        get => type;
        set => type = (string?)Check(Spec.TypeAttribute, value);
    }

    /// <summary>The <c>datacontenttype</c> attribute: the media type of <see cref="Data"/>.</summary>
    public string? DataContentType
    {
        get => dataContentType;
        set => dataContentType = (string?)Check(Spec.DataContentTypeAttribute, value);
    }

    /// <summary>The <c>dataschema</c> attribute (absolute URI).</summary>
    public Uri? DataSchema
    {
        get => dataSchema;
        set => dataSchema = (Uri?)Check(Spec.DataSchemaAttribute, value);
    }

    /// <summary>The <c>subject</c> attribute.</summary>
    public string? Subject
    {
        get => subject;
        set => subject = (string?)Check(Spec.SubjectAttribute, value);
    }

    /// <summary>The <c>time</c> attribute; the offset and the fraction of seconds are kept.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>
    /// The event data as bytes, or null when the event has none. Beware: a null <c>byte[]</c> converts to
    /// empty (non-null) memory, and so does <c>array is null ? null : array</c>; write
    /// <c>array is null ? default(ReadOnlyMemory&lt;byte&gt;?) : array</c> when that matters.
    /// HTTP and MQTT binary mode carry empty data as an empty body, which reads back as no data.
    /// </summary>
    public ReadOnlyMemory<byte>? Data { get; set; }

    /// <summary>The extension attributes that have a value, in the order they were set.</summary>
    public IEnumerable<CloudEventAttribute> ExtensionAttributes
    {
        get
        {
            foreach (var pair in ExtensionValues)
            {
                yield return pair.Key;
            }
        }
    }

    /// <summary>Whether every required attribute is set.</summary>
    public bool IsValid => id is not null && source is not null && type is not null;

    /// <summary>The extension values (attribute, typed value), in the order they were set.</summary>
    internal IReadOnlyList<KeyValuePair<CloudEventAttribute, object>> ExtensionValues =>
        (IReadOnlyList<KeyValuePair<CloudEventAttribute, object>>?)extensions ?? [];

    /// <summary>The extension values as a span, for the formatters' hot paths.</summary>
    internal ReadOnlySpan<KeyValuePair<CloudEventAttribute, object>> ExtensionSpan => CollectionsMarshal.AsSpan(extensions);

    /// <summary>Gets or sets an attribute by name; null removes it. A new extension's type follows the value's CLR type.</summary>
    /// <param name="attributeName">The attribute name.</param>
    public object? this[string attributeName]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(attributeName);
            return GetAttribute(attributeName) is { } attribute ? this[attribute] : null;
        }

        set
        {
            ArgumentNullException.ThrowIfNull(attributeName);
            var attribute = GetAttribute(attributeName);
            if (attribute is null)
            {
                if (value is null)
                {
                    return;
                }

                attribute = CloudEventAttribute.CreateExtension(attributeName, InferType(attributeName, value));
            }

            this[attribute] = value;
        }
    }

    /// <summary>Gets or sets an attribute; null removes it.</summary>
    /// <param name="attribute">The attribute.</param>
    public object? this[CloudEventAttribute attribute]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(attribute);
            if (attribute.IsExtension)
            {
                var index = IndexOfExtension(attribute.Name);
                return index < 0 ? null : extensions![index].Value;
            }

            return attribute.Name switch
            {
                "specversion" => Spec.VersionId,
                "id" => id,
                "source" => source,
                "type" => type,
                "datacontenttype" => dataContentType,
                "dataschema" => dataSchema,
                "subject" => subject,
                _ => Time,
            };
        }

        set
        {
            ArgumentNullException.ThrowIfNull(attribute);
            if (attribute.IsExtension)
            {
                SetExtension(attribute, value);
                return;
            }

            switch (attribute.Name)
            {
                case "specversion":
                    if (!Equals(value, Spec.VersionId))
                    {
                        throw attribute.InvalidValue($"only \"{Spec.VersionId}\" is supported");
                    }

                    break;
                case "id": Id = (string?)Check(attribute, value); break;
                case "source": Source = (Uri?)Check(attribute, value); break;
                case "type": Type = (string?)Check(attribute, value); break;
                case "datacontenttype": DataContentType = (string?)Check(attribute, value); break;
                case "dataschema": DataSchema = (Uri?)Check(attribute, value); break;
                case "subject": Subject = (string?)Check(attribute, value); break;
                default: Time = (DateTimeOffset?)Check(attribute, value); break;
            }
        }
    }

    /// <summary>
    /// Finds an attribute by name: a core attribute, an extension that has a value, or an extension
    /// this event was told about.
    /// </summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>The attribute, or null.</returns>
    public CloudEventAttribute? GetAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Spec.GetAttributeByName(name) is { } core)
        {
            return core;
        }

        var index = IndexOfExtension(name);
        if (index >= 0)
        {
            return extensions![index].Key;
        }

        if (knownExtensions is not null)
        {
            foreach (var known in knownExtensions)
            {
                if (known.Name == name)
                {
                    return known;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Sets an attribute from its canonical string form (as carried in HTTP headers or MQTT user
    /// properties). Unknown extensions become String attributes.
    /// </summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The string form.</param>
    /// <exception cref="ArgumentException">The name or value is invalid; the message names the attribute.</exception>
    public void SetAttributeFromString(string name, string value)
    {
        if (!TrySetAttributeFromString(name, value, out var error))
        {
            throw new ArgumentException(error, name);
        }
    }

    /// <summary>Sets an attribute from its canonical string form, or says why it cannot.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The string form.</param>
    /// <param name="error">A message naming the attribute, when the name or value is invalid.</param>
    /// <returns>True when the attribute was set.</returns>
    public bool TrySetAttributeFromString(string name, string value, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        var attribute = GetAttribute(name);
        if (attribute is null)
        {
            error = CloudEventAttribute.CheckExtensionName(name);
            if (error is not null)
            {
                return false;
            }

            attribute = CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String);
        }

        if (!attribute.TryParse(value, out var typed, out error))
        {
            error = $"Invalid value for CloudEvent attribute '{name}': {error}.";
            return false;
        }

        if (attribute == Spec.SpecVersionAttribute && value != Spec.VersionId)
        {
            error = $"Unsupported specversion '{value}': only \"{Spec.VersionId}\" is supported.";
            return false;
        }

        this[attribute] = typed;
        return true;
    }

    /// <summary>Every attribute that has a value (specversion first, extensions last) with its typed value.</summary>
    public IEnumerable<KeyValuePair<CloudEventAttribute, object>> GetPopulatedAttributes()
    {
        foreach (var attribute in Spec.AllAttributes)
        {
            if (this[attribute] is { } value)
            {
                yield return new(attribute, value);
            }
        }

        foreach (var pair in ExtensionValues)
        {
            yield return pair;
        }
    }

    /// <summary>The names of the required attributes that are missing (empty when valid).</summary>
    public IReadOnlyList<string> GetMissingRequiredAttributes()
    {
        if (IsValid)
        {
            return [];
        }

        var missing = new List<string>(3);
        if (id is null)
        {
            missing.Add("id");
        }

        if (source is null)
        {
            missing.Add("source");
        }

        if (type is null)
        {
            missing.Add("type");
        }

        return missing;
    }

    /// <summary>Checks that every required attribute is set, reporting all that are missing at once.</summary>
    /// <returns>This event.</returns>
    /// <exception cref="InvalidOperationException">Required attributes are missing.</exception>
    public CloudEvent Validate()
    {
        var missing = GetMissingRequiredAttributes();
        return missing.Count == 0
            ? this
            : throw new InvalidOperationException($"The CloudEvent is missing required attribute(s): {string.Join(", ", missing)}.");
    }

    /// <inheritdoc />
    public override string ToString() => $"CloudEvent(id={id}, source={source?.OriginalString}, type={type})";

    private static object? Check(CloudEventAttribute attribute, object? value) =>
        value is null ? null : attribute.Validate(value);

    private static CloudEventAttributeType InferType(string name, object value) => value switch
    {
        string => CloudEventAttributeType.String,
        int => CloudEventAttributeType.Integer,
        bool => CloudEventAttributeType.Boolean,
        byte[] => CloudEventAttributeType.Binary,
        Uri => CloudEventAttributeType.UriReference,
        DateTimeOffset => CloudEventAttributeType.Timestamp,
        _ => throw new ArgumentException(
            $"Invalid value for CloudEvent attribute '{name}': a {value.GetType().Name} is not a CloudEvents type " +
            "(use string, int, bool, byte[], Uri or DateTimeOffset).", name),
    };

    private int IndexOfExtension(string name)
    {
        if (extensions is null)
        {
            return -1;
        }

        for (var i = 0; i < extensions.Count; i++)
        {
            if (extensions[i].Key.Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private void SetExtension(CloudEventAttribute attribute, object? value)
    {
        var index = IndexOfExtension(attribute.Name);
        if (value is null)
        {
            if (index >= 0)
            {
                extensions!.RemoveAt(index);
            }

            return;
        }

        var entry = new KeyValuePair<CloudEventAttribute, object>(attribute, attribute.Validate(value));
        if (index >= 0)
        {
            extensions![index] = entry;
        }
        else
        {
            (extensions ??= new List<KeyValuePair<CloudEventAttribute, object>>(4)).Add(entry);
        }
    }
}
