using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Mqtt;
using MqttSource.Mqtt;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.CloudEvents.Mqtt.Tests;

/// <summary>The <c>time</c> user property of an MQTT 5 binary-mode CloudEvent, as the SDK reads it.</summary>
public sealed class MqttTimestampTests
{
    public static TheoryData<string, string> Valid => TimestampCases.Valid;

    public static TheoryData<string> Invalid => TimestampCases.Invalid;

    private static MqttCloudEventDecodeResult Decode(string time) => new MqttApplicationMessage
    {
        Topic = "t",
        UserProperties = [new("specversion", "1.0"), new("id", "1"), new("source", "/s"), new("type", "t"), new("time", time)],
    }.DecodeCloudEvent(MqttProtocolVersion.V500);

    [Theory]
    [MemberData(nameof(Valid))]
    public void Decode_ValidTime_CanonicalWithItsOffset(string text, string canonical)
    {
        var result = Decode(text);

        Assert.True(result.Status == MqttCloudEventDecodeStatus.CloudEvent, result.Reason);
        Assert.Equal(canonical, CloudEventsSpecVersion.V1_0.TimeAttribute.Format(result.CloudEvent!.Time!.Value));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Decode_InvalidTime_InvalidCloudEventNamingTheAttribute(string text)
    {
        var result = Decode(text);

        Assert.Equal(MqttCloudEventDecodeStatus.InvalidCloudEvent, result.Status);
        Assert.Contains("attribute 'time'", result.Reason, StringComparison.Ordinal);
    }
}
