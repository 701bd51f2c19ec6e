using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Json;
using MqttSource.Mqtt;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.CloudEvents.Mqtt.Tests;

/// <summary>Random events survive the MQTT bindings: MQTT 5 binary and MQTT 3.1.1 structured.</summary>
public sealed class MqttRoundTripPropertyTests
{
    private static readonly RawJsonEventFormatter Formatter = RawJsonEventFormatter.Instance;

    private static void Check(Func<CloudEvent, CloudEvent> roundTrip, bool jsonDataInline = false) => RandomCloudEvents.Check(roundTrip, jsonDataInline);

    [Fact]
    public void Mqtt5Binary_RandomEvents_RoundTrip() => Check(cloudEvent =>
    {
        var message = cloudEvent.ToMqttApplicationMessage(ContentMode.Binary, Formatter, "t");
        var result = message.DecodeCloudEvent(MqttProtocolVersion.V500, Formatter, cloudEvent.ExtensionAttributes);
        Assert.Equal(MqttCloudEventDecodeStatus.CloudEvent, result.Status);
        return result.CloudEvent!;
    });

    [Fact]
    public void Mqtt311Structured_RandomEvents_RoundTrip() => Check(cloudEvent =>
    {
        var message = cloudEvent.ToMqttApplicationMessage(ContentMode.Structured, Formatter, "t", MqttProtocolVersion.V311);
        var result = message.DecodeCloudEvent(MqttProtocolVersion.V311, Formatter, cloudEvent.ExtensionAttributes);
        Assert.Equal(MqttCloudEventDecodeStatus.CloudEvent, result.Status);
        return result.CloudEvent!;
    }, jsonDataInline: true);
}
