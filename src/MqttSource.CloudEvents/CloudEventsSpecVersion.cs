using System.Diagnostics.CodeAnalysis;

namespace MqttSource.CloudEvents;

/// <summary>A version of the CloudEvents specification and the attributes it defines. Only 1.0 is supported.</summary>
public sealed class CloudEventsSpecVersion
{
    private CloudEventsSpecVersion(string versionId)
    {
        VersionId = versionId;
        SpecVersionAttribute = CloudEventAttribute.CreateCore("specversion", CloudEventAttributeType.String, isRequired: true);
        IdAttribute = CloudEventAttribute.CreateCore("id", CloudEventAttributeType.String, isRequired: true);
        SourceAttribute = CloudEventAttribute.CreateCore("source", CloudEventAttributeType.UriReference, isRequired: true);
        TypeAttribute = CloudEventAttribute.CreateCore("type", CloudEventAttributeType.String, isRequired: true);
        DataContentTypeAttribute = CloudEventAttribute.CreateCore("datacontenttype", CloudEventAttributeType.String, isRequired: false);
        DataSchemaAttribute = CloudEventAttribute.CreateCore("dataschema", CloudEventAttributeType.Uri, isRequired: false);
        SubjectAttribute = CloudEventAttribute.CreateCore("subject", CloudEventAttributeType.String, isRequired: false);
        TimeAttribute = CloudEventAttribute.CreateCore("time", CloudEventAttributeType.Timestamp, isRequired: false);
        AllAttributes =
        [
            SpecVersionAttribute, IdAttribute, SourceAttribute, TypeAttribute,
            DataContentTypeAttribute, DataSchemaAttribute, SubjectAttribute, TimeAttribute,
        ];
    }

    /// <summary>CloudEvents 1.0 (1.0.2).</summary>
    [SuppressMessage("Naming", "CA1707", Justification = "Reads as the version number.")]
    public static CloudEventsSpecVersion V1_0 { get; } = new("1.0");

    /// <summary>The value of the <c>specversion</c> attribute.</summary>
    public string VersionId { get; }

    /// <summary><c>specversion</c> (String, required).</summary>
    public CloudEventAttribute SpecVersionAttribute { get; }

    /// <summary><c>id</c> (String, required).</summary>
    public CloudEventAttribute IdAttribute { get; }

    /// <summary><c>source</c> (URI-reference, required).</summary>
    public CloudEventAttribute SourceAttribute { get; }

    /// <summary><c>type</c> (String, required).</summary>
    public CloudEventAttribute TypeAttribute { get; }

    /// <summary><c>datacontenttype</c> (String, optional).</summary>
    public CloudEventAttribute DataContentTypeAttribute { get; }

    /// <summary><c>dataschema</c> (URI, optional).</summary>
    public CloudEventAttribute DataSchemaAttribute { get; }

    /// <summary><c>subject</c> (String, optional).</summary>
    public CloudEventAttribute SubjectAttribute { get; }

    /// <summary><c>time</c> (Timestamp, optional).</summary>
    public CloudEventAttribute TimeAttribute { get; }

    /// <summary>Every attribute this version defines, required ones first.</summary>
    public IReadOnlyList<CloudEventAttribute> AllAttributes { get; }

    /// <summary>Finds a version by its <c>specversion</c> value.</summary>
    /// <param name="versionId">The value, like "1.0".</param>
    /// <returns>The version, or null when unsupported.</returns>
    public static CloudEventsSpecVersion? FromVersionId(string? versionId) => versionId == "1.0" ? V1_0 : null;

    /// <summary>Finds an attribute this version defines by name.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>The attribute, or null.</returns>
    public CloudEventAttribute? GetAttributeByName(string name) => name switch
    {
        "specversion" => SpecVersionAttribute,
        "id" => IdAttribute,
        "source" => SourceAttribute,
        "type" => TypeAttribute,
        "datacontenttype" => DataContentTypeAttribute,
        "dataschema" => DataSchemaAttribute,
        "subject" => SubjectAttribute,
        "time" => TimeAttribute,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => VersionId;
}
