using System.Text;
using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Mqtt;
using MqttSource.Mqtt;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.CloudEvents.Mqtt.Tests;

/// <summary>The CloudEvents JSON conformance cases, replayed as MQTT 5 structured messages and MQTT 3.1.1 JSON payloads.</summary>
public sealed class MqttConformanceTests
{
    public static TheoryData<string, string, string> ValidEvents => ConformanceCases.ValidEvents;

    public static TheoryData<string, string> InvalidEvents => ConformanceCases.InvalidEvents;

    private static MqttApplicationMessage Structured(string json, string? contentType) => new()
    {
        Topic = "conformance",
        Payload = Encoding.UTF8.GetBytes(json),
        ContentType = contentType,
    };

    [Theory]
    [MemberData(nameof(ValidEvents))]
    public void Decode_V5StructuredValidCase_ReadsAsTheSample(string caseId, string json, string sampleId)
    {
        var result = Structured(json, "application/cloudevents+json").DecodeCloudEvent(MqttProtocolVersion.V500, extensionAttributes: ConformanceCases.SampleExtensionAttributes);

        Assert.True(result.Status == MqttCloudEventDecodeStatus.CloudEvent, $"{caseId}: {result.Reason}");
        Assert.Equal(ContentMode.Structured, result.Mode);
        ConformanceCases.AssertMatches(sampleId, result.CloudEvent!);
    }

    [Theory]
    [MemberData(nameof(ValidEvents))]
    public void Decode_V311ValidCaseWithoutKnownExtensions_ReadsAsTheSample(string caseId, string json, string sampleId)
    {
        var result = Structured(json, null).DecodeCloudEvent(MqttProtocolVersion.V311);

        Assert.True(result.Status == MqttCloudEventDecodeStatus.CloudEvent, $"{caseId}: {result.Reason}");
        ConformanceCases.AssertMatches(sampleId, result.CloudEvent!, typed: false);
    }

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public void Decode_V5StructuredInvalidCase_InvalidCloudEventWithReason(string caseId, string json)
    {
        var result = Structured(json, "application/cloudevents+json").DecodeCloudEvent(MqttProtocolVersion.V500, extensionAttributes: ConformanceCases.SampleExtensionAttributes);

        Assert.True(result.Status == MqttCloudEventDecodeStatus.InvalidCloudEvent, $"{caseId}: {result.Status}");
        Assert.StartsWith("Invalid CloudEvent: ", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Reason!);
    }

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public void Decode_V311InvalidCase_InvalidOrNotACloudEventWithoutSpecVersion(string caseId, string json)
    {
        var result = Structured(json, null).DecodeCloudEvent(MqttProtocolVersion.V311);

        // Without a specversion member a JSON payload is just JSON: it is wrapped, not refused.
        var expected = caseId == "invalidNoSpecVersion" ? MqttCloudEventDecodeStatus.NotACloudEvent : MqttCloudEventDecodeStatus.InvalidCloudEvent;
        Assert.True(result.Status == expected, $"{caseId}: {result.Status} ({result.Reason})");
    }
}
