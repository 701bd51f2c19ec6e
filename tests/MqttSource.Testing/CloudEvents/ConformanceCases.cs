using System.Text;
using CloudNative.CloudEvents;
using Xunit;

namespace MqttSource.Testing.CloudEvents;

/// <summary>
/// The CloudEvents JSON format conformance cases (the corpus of the cloudevents/conformance project, which the SDK's own
/// tests replay), written out here from its description: 10 valid events, 25 invalid events, 5 valid batches and
/// 3 invalid batches, with the "golden" sample events the valid ones must read as. Timestamps compare as instants.
/// </summary>
public static class ConformanceCases
{
    private const string Minimal = """ "specversion": "1.0", "id": "minimal", "type": "io.cloudevents.test", "source": "https://cloudevents.io" """;
    private const string AllCore = """
        "specversion": "1.0", "id": "allCore", "type": "io.cloudevents.test", "source": "https://cloudevents.io",
        "datacontenttype": "text/plain", "dataschema": "https://cloudevents.io/dataschema", "subject": "tests", "time": "2018-04-05T17:31:00Z"
        """;

    private const string AllExtensionTypes = """
        "specversion": "1.0", "id": "allExtensionTypes", "type": "io.cloudevents.test", "source": "https://cloudevents.io",
        "extinteger": 10, "extboolean": true, "extstring": "text", "exturi": "https://cloudevents.io",
        "exturiref": "//authority/path", "exttimestamp": "2023-03-31T15:12:00Z", "extbinary": "TWE="
        """;

    private const string Invalid = """ "id": "invalid", "specversion": "1.0", "type": "io.cloudevents.test", "source": "https://cloudevents.io" """;

    /// <summary>The sample extension attributes: one of each CloudEvents type.</summary>
    public static IReadOnlyList<CloudEventAttribute> SampleExtensionAttributes { get; } =
    [
        CloudEventAttribute.CreateExtension("extinteger", CloudEventAttributeType.Integer),
        CloudEventAttribute.CreateExtension("extboolean", CloudEventAttributeType.Boolean),
        CloudEventAttribute.CreateExtension("extstring", CloudEventAttributeType.String),
        CloudEventAttribute.CreateExtension("extbinary", CloudEventAttributeType.Binary),
        CloudEventAttribute.CreateExtension("exttimestamp", CloudEventAttributeType.Timestamp),
        CloudEventAttribute.CreateExtension("exturi", CloudEventAttributeType.Uri),
        CloudEventAttribute.CreateExtension("exturiref", CloudEventAttributeType.UriReference),
    ];

    /// <summary>Valid single events: case id, the event as JSON, and the sample it must read as.</summary>
    public static TheoryData<string, string, string> ValidEvents => new()
    {
        { "validMinimal", "{" + Minimal + "}", "minimal" },
        { "validMinimalWithNullForOptional", "{" + Minimal + """, "datacontenttype": null, "dataschema": null, "subject": null, "time": null}""", "minimal" },
        { "validAllCoreAttributes", "{" + AllCore + "}", "allCore" },
        { "validMinimalWithTimeUtc", """{"specversion": "1.0", "id": "minimalWithTime", "type": "io.cloudevents.test", "source": "https://cloudevents.io", "time": "2018-04-05T17:31:00Z"}""", "minimalWithTime" },
        { "validMinimalWithTimeToNanosecondsUtc", """{"specversion": "1.0", "id": "minimalWithTime", "type": "io.cloudevents.test", "source": "https://cloudevents.io", "time": "2018-04-05T17:31:00.000000000Z"}""", "minimalWithTime" },
        { "validMinimalWithTimeUsingPositiveOffset", """{"specversion": "1.0", "id": "minimalWithTime", "type": "io.cloudevents.test", "source": "https://cloudevents.io", "time": "2018-04-05T18:31:00+01:00"}""", "minimalWithTime" },
        { "validMinimalWithTimeUsingNegativeOffset", """{"specversion": "1.0", "id": "minimalWithTime", "type": "io.cloudevents.test", "source": "https://cloudevents.io", "time": "2018-04-05T16:31:00-01:00"}""", "minimalWithTime" },
        { "validRelativeSource", """{"id": "minimalWithRelativeSource", "specversion": "1.0", "type": "io.cloudevents.test", "source": "#fragment"}""", "minimalWithRelativeSource" },
        { "validSimpleTextData", """{"specversion": "1.0", "id": "simpleTextData", "type": "io.cloudevents.test", "source": "https://cloudevents.io", "datacontenttype": "text/plain", "data": "Simple text"}""", "simpleTextData" },
        { "validAllExtensionTypes", "{" + AllExtensionTypes + "}", "allExtensionTypes" },
    };

    /// <summary>Invalid single events: case id and the event as JSON.</summary>
    public static TheoryData<string, string> InvalidEvents => new()
    {
        { "invalidNoSpecVersion", """{"id": "invalid", "type": "io.cloudevents.test", "source": "https://cloudevents.io"}""" },
        { "invalidNoId", """{"specversion": "1.0", "type": "io.cloudevents.test", "source": "https://cloudevents.io"}""" },
        { "invalidNoType", """{"specversion": "1.0", "id": "invalid", "source": "https://cloudevents.io"}""" },
        { "invalidNoSource", """{"specversion": "1.0", "id": "invalid", "type": "io.cloudevents.test"}""" },
        { "invalidTimeGarbage", "{" + Invalid + """, "time": "lunchtime"}""" },
        { "invalidTimeToMinute", "{" + Invalid + """, "time": "2018-04-05T18:31Z"}""" },
        { "invalidTimeOffsetX", "{" + Invalid + """, "time": "2018-04-05T18:31:00X"}""" },
        { "invalidTimeOffsetOutOfRange", "{" + Invalid + """, "time": "2018-04-05T18:31:00+25:00"}""" },
        { "invalidTimeOffsetNonInteger", "{" + Invalid + """, "time": "2018-04-05T18:31:00+xx:00"}""" },
        { "invalidTimeOffsetHourOnly", "{" + Invalid + """, "time": "2018-04-05T18:31:00+05"}""" },
        { "invalidEmptyId", """{"id": "", "specversion": "1.0", "type": "io.cloudevents.test", "source": "https://cloudevents.io"}""" },
        { "invalidEmptyType", """{"id": "invalid", "specversion": "1.0", "type": "", "source": "https://cloudevents.io"}""" },
        { "invalidEmptySource", """{"id": "invalid", "specversion": "1.0", "type": "io.cloudevents.test", "source": ""}""" },
        { "invalidEmptySpecVersion", """{"id": "invalid", "specversion": "", "type": "io.cloudevents.test", "source": "https://cloudevents.io"}""" },
        { "invalidUnknownSpecVersion", """{"id": "invalid", "specversion": "0.9", "type": "io.cloudevents.test", "source": "https://cloudevents.io"}""" },
        { "invalidNonRfc2046DataContentType", "{" + Invalid + """, "datacontenttype": "xyz"}""" },
        { "invalidEmptyDataContentType", "{" + Invalid + """, "datacontenttype": ""}""" },
        { "invalidEmptyDataSchema", "{" + Invalid + """, "dataschema": ""}""" },
        { "invalidEmptySubject", "{" + Invalid + """, "subject": ""}""" },
        { "invalidNumericId", """{"id": 25, "specversion": "1.0", "type": "io.cloudevents.test", "source": "https://cloudevents.io"}""" },
        { "invalidObjectId", """{"id": { "xyz": "abc" }, "specversion": "1.0", "type": "io.cloudevents.test", "source": "https://cloudevents.io"}""" },
        { "invalidCapitalizedExtension", "{" + Invalid + """, "MyExtension": "bad"}""" },
        { "invalidPunctuatedExtension", "{" + Invalid + """, "my.extension": "bad"}""" },
        { "invalidNonIntegerExtensionValue", "{" + Invalid + """, "my.extension": 1.5}""" },
        { "invalidBothDataAndDataBase64", "{" + Invalid + """, "data": "text", "data_base64": "eyAieHl6IjogMTIzIH0="}""" },
    };

    /// <summary>Valid batches: case id, the batch as JSON, and the sample events it must read as.</summary>
    public static TheoryData<string, string, string[]> ValidBatches => new()
    {
        { "validBatchEmpty", "[]", [] },
        { "validBatchMinimal", "[{" + Minimal + "}]", ["minimal"] },
        { "validBatchMinimal2", "[{" + Minimal + "}, {" + Minimal + "}]", ["minimal", "minimal"] },
        { "validBatchMinimalAndAllCore", "[{" + Minimal + "}, {" + AllCore + "}]", ["minimal", "allCore"] },
        { "validBatchMinimalAndAllExtensionTypes", "[{" + Minimal + "}, {" + AllExtensionTypes + "}]", ["minimal", "allExtensionTypes"] },
    };

    /// <summary>Invalid batches: case id and the batch as JSON.</summary>
    public static TheoryData<string, string> InvalidBatches => new()
    {
        { "invalidBatchMixedSpecVersions", "[{" + Minimal + """}, {"specversion": "0.9", "id": "minimal2", "type": "io.cloudevents.test", "source": "https://cloudevents.io"}]""" },
        { "invalidBatchContainingInvalidCloudEvent", """[{"specversion": "1.0", "type": "io.cloudevents.test", "source": "https://cloudevents.io"}]""" },
        { "invalidBatchContainingNonObject", "[\"not an object\", {" + Minimal + "}]" },
    };

    /// <summary>A golden sample event by its id.</summary>
    public static CloudEvent Sample(string sampleId)
    {
        var cloudEvent = new CloudEvent(SampleExtensionAttributes)
        {
            Id = sampleId,
            Type = "io.cloudevents.test",
            Source = new Uri("https://cloudevents.io"),
        };
        switch (sampleId)
        {
            case "minimal":
                break;
            case "minimalWithTime":
                cloudEvent.Time = new DateTimeOffset(2018, 4, 5, 17, 31, 0, TimeSpan.Zero);
                break;
            case "minimalWithRelativeSource":
                cloudEvent.Source = new Uri("#fragment", UriKind.Relative);
                break;
            case "allCore":
                cloudEvent.DataContentType = "text/plain";
                cloudEvent.DataSchema = new Uri("https://cloudevents.io/dataschema");
                cloudEvent.Subject = "tests";
                cloudEvent.Time = new DateTimeOffset(2018, 4, 5, 17, 31, 0, TimeSpan.Zero);
                break;
            case "simpleTextData":
                cloudEvent.DataContentType = "text/plain";
                cloudEvent.Data = Encoding.UTF8.GetBytes("Simple text");
                break;
            case "allExtensionTypes":
                cloudEvent["extinteger"] = 10;
                cloudEvent["extboolean"] = true;
                cloudEvent["extstring"] = "text";
                cloudEvent["extbinary"] = new byte[] { 77, 97 };
                cloudEvent["exttimestamp"] = new DateTimeOffset(2023, 3, 31, 15, 12, 0, TimeSpan.Zero);
                cloudEvent["exturi"] = new Uri("https://cloudevents.io");
                cloudEvent["exturiref"] = new Uri("//authority/path", UriKind.RelativeOrAbsolute);
                break;
            default:
                throw new ArgumentException($"No sample event '{sampleId}'.", nameof(sampleId));
        }

        return cloudEvent;
    }

    /// <summary>
    /// Asserts an event reads as the sample: every attribute (timestamps as instants), the data bytes, and the extensions
    /// by canonical string, with their types too when <paramref name="typed"/> (the reader had <see cref="SampleExtensionAttributes"/>).
    /// </summary>
    public static void AssertMatches(string sampleId, CloudEvent actual, bool typed = true)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var expected = Sample(sampleId);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Source!.OriginalString, actual.Source?.OriginalString);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.DataContentType, actual.DataContentType);
        Assert.Equal(expected.DataSchema?.OriginalString, actual.DataSchema?.OriginalString);
        Assert.Equal(expected.Subject, actual.Subject);
        Assert.Equal(expected.Time?.UtcDateTime, actual.Time?.UtcDateTime);
        Assert.Equal(TestEvents.Data(expected), TestEvents.Data(actual));
        Assert.Equal(TestEvents.Extensions(expected, typed), TestEvents.Extensions(actual, typed));
    }
}
