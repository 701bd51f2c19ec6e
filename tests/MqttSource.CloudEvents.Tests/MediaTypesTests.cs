using Xunit;

namespace MqttSource.CloudEvents.Tests;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON; charset=utf-8", true)]
    [InlineData("text/json", true)]
    [InlineData("application/vnd.api+json", true)]
    [InlineData("application/cloudevents+json", true)]
    [InlineData("application/jsonx", false)]
    [InlineData("json", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/octet-stream", false)]
    public void IsJson_ContentType_MatchesJsonFamily(string? contentType, bool expected) =>
        Assert.Equal(expected, MediaTypes.IsJson(contentType));

    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("TEXT/CSV; charset=utf-8", true)]
    [InlineData("application/xml", true)]
    [InlineData("application/atom+xml", true)]
    [InlineData("application/json", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData(null, false)]
    public void IsText_ContentType_MatchesTextFamily(string? contentType, bool expected) =>
        Assert.Equal(expected, MediaTypes.IsText(contentType));

    [Theory]
    [InlineData("application/cloudevents+json", true, false)]
    [InlineData("application/cloudevents-batch+json; charset=utf-8", true, true)]
    [InlineData(" Application/CloudEvents+Avro ", true, false)]
    [InlineData("application/json", false, false)]
    [InlineData(null, false, false)]
    public void IsCloudEvents_ContentType_DetectsStructuredAndBatch(string? contentType, bool cloudEvents, bool batch)
    {
        Assert.Equal(cloudEvents, MediaTypes.IsCloudEvents(contentType));
        Assert.Equal(batch, MediaTypes.IsCloudEventsBatch(contentType));
    }
}
