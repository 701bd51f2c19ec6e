using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MqttSource.CloudEvents.Http;
using MqttSource.CloudEvents.Json;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.CloudEvents.Tests;

/// <summary>Random events survive the HTTP and JSON encodings (the MQTT ones: MqttSource.CloudEvents.Mqtt.Tests).</summary>
public sealed class RoundTripPropertyTests
{
    private static readonly JsonEventFormatter Formatter = JsonEventFormatter.Instance;
    private static readonly Config Config = RandomCloudEvents.Config;

    private static Gen<CloudEvent> Events => RandomCloudEvents.Events;

    private static void Check(Func<CloudEvent, CloudEvent> roundTrip) => RandomCloudEvents.Check(roundTrip);

    [Fact]
    public void HttpBinary_RandomEvents_RoundTrip() => Check(cloudEvent =>
    {
        using var content = cloudEvent.ToHttpContent(ContentMode.Binary, Formatter);
        return content.ToCloudEventAsync(Formatter, [.. cloudEvent.ExtensionAttributes]).GetAwaiter().GetResult();
    });

    [Fact]
    public void HttpStructured_RandomEvents_RoundTrip() => Check(cloudEvent =>
    {
        using var content = cloudEvent.ToHttpContent(ContentMode.Structured, Formatter);
        return content.ToCloudEventAsync(Formatter, [.. cloudEvent.ExtensionAttributes]).GetAwaiter().GetResult();
    });

    [Fact]
    public void JsonStructured_RandomEvents_RoundTrip() => Check(cloudEvent =>
        Formatter.DecodeStructuredModeMessage(Formatter.EncodeStructuredModeMessage(cloudEvent), cloudEvent.ExtensionAttributes));

    [Fact]
    public void JsonBatch_RandomEvents_RoundTrip() =>
        Prop.ForAll(Events.ListOf().ToArbitrary(), events =>
        {
            var decoded = Formatter.DecodeBatchModeMessage(Formatter.EncodeBatchModeMessage([.. events]));
            Assert.Equal(events.Count, decoded.Count);
            Assert.Equal(events.Select(cloudEvent => cloudEvent.Id), decoded.Select(cloudEvent => cloudEvent.Id));
        }).Check(Config.WithMaxTest(50));
}
