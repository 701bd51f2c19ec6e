using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using FsCheck;
using FsCheck.Fluent;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.CloudEvents.Json.Tests;

/// <summary>
/// Random events survive the SDK's HTTP binding and the JSON format with <see cref="RawJsonEventFormatter"/>: data bytes,
/// typed extensions, Unicode and time offsets unchanged (the MQTT bindings: MqttSource.CloudEvents.Mqtt.Tests).
/// </summary>
public sealed class RoundTripPropertyTests
{
    private static readonly RawJsonEventFormatter Formatter = RawJsonEventFormatter.Instance;
    private static readonly Config Config = RandomCloudEvents.Config;

    private static Gen<CloudEvent> Events => RandomCloudEvents.Events;

    private static void Check(Func<CloudEvent, CloudEvent> roundTrip, bool jsonDataInline = false) => RandomCloudEvents.Check(roundTrip, jsonDataInline);

    private static CloudEvent ThroughHttp(CloudEvent cloudEvent, ContentMode mode)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://sink/") { Content = cloudEvent.ToHttpContent(mode, Formatter) };
        return request.ToCloudEventAsync(Formatter, cloudEvent.ExtensionAttributes).GetAwaiter().GetResult();
    }

    [Fact]
    public void HttpBinary_RandomEvents_RoundTrip() => Check(cloudEvent => ThroughHttp(cloudEvent, ContentMode.Binary));

    [Fact]
    public void HttpStructured_RandomEvents_RoundTrip() => Check(cloudEvent => ThroughHttp(cloudEvent, ContentMode.Structured), jsonDataInline: true);

    [Fact]
    public void JsonStructured_RandomEvents_RoundTrip() => Check(cloudEvent =>
        Formatter.DecodeStructuredModeMessage(Formatter.EncodeStructuredModeMessage(cloudEvent, out _), null, cloudEvent.ExtensionAttributes), jsonDataInline: true);

    [Fact]
    public void JsonBatch_RandomEvents_RoundTrip() =>
        Prop.ForAll(Events.ListOf().ToArbitrary(), events =>
        {
            var body = Formatter.EncodeBatchModeMessage(events, out var contentType);
            var decoded = Formatter.DecodeBatchModeMessage(body, contentType, null);
            Assert.Equal(events.Count, decoded.Count);
            Assert.Equal(events.Select(cloudEvent => cloudEvent.Id), decoded.Select(cloudEvent => cloudEvent.Id));
            Assert.Equal(events.Select(TestEvents.InlineJsonData), decoded.Select(TestEvents.Data));
            Assert.Equal("application/cloudevents-batch+json", contentType.MediaType);
            Assert.Equal(Encoding.UTF8.WebName, contentType.CharSet);
        }).Check(Config.WithMaxTest(50));
}
