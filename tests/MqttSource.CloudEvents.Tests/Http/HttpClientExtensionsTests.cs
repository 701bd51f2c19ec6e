using System.Net.Http.Headers;
using System.Text;
using MqttSource.CloudEvents.Http;
using MqttSource.CloudEvents.Json;
using Xunit;
using MqttSource.Testing.CloudEvents;

namespace MqttSource.CloudEvents.Tests.Http;

public sealed class HttpClientExtensionsTests
{
    private static readonly JsonEventFormatter Formatter = JsonEventFormatter.Instance;

    private static string Header(HttpContent content, string name) => Assert.Single(content.Headers.NonValidated[name]);

    [Fact]
    public async Task ToHttpContent_Binary_WritesCeHeadersContentTypeAndRawBody()
    {
        using var content = TestEvents.Full().ToHttpContent(ContentMode.Binary, Formatter);
        Assert.Equal("1.0", Header(content, "ce-specversion"));
        Assert.Equal("id-%C3%A9%20%E6%BC%A2%20%25%22", Header(content, "ce-id"));
        Assert.Equal("mqtt://broker:1883/sensors", Header(content, "ce-source"));
        Assert.Equal("com.example.sensor.reading", Header(content, "ce-type"));
        Assert.Equal("https://example.com/schema.json", Header(content, "ce-dataschema"));
        Assert.Equal("sensors/room%201/temperature", Header(content, "ce-subject"));
        Assert.Equal("2024-05-01T12:30:15.1234567+02:00", Header(content, "ce-time"));
        Assert.Equal("1", Header(content, "ce-mqttqos"));
        Assert.Equal("true", Header(content, "ce-mqttretain"));
        Assert.Equal("application/json", Header(content, "Content-Type"));
        Assert.False(content.Headers.Contains("ce-datacontenttype"));
        Assert.Equal(TestEvents.Full().Data!.Value.ToArray(), await content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ToHttpContent_BinaryWithoutData_EmptyBodyNoContentType()
    {
        using var content = TestEvents.Minimal().ToHttpContent(ContentMode.Binary, Formatter);
        Assert.Empty(await content.ReadAsByteArrayAsync());
        Assert.Null(content.Headers.ContentType);
    }

    [Fact]
    public async Task ToHttpContent_Structured_WritesJsonEventWithItsContentType()
    {
        using var content = TestEvents.Full().ToHttpContent(ContentMode.Structured, Formatter);
        Assert.Equal("application/cloudevents+json", content.Headers.ContentType!.MediaType);
        Assert.False(content.Headers.Contains("ce-id"));
        var body = await content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, content.Headers.ContentLength);
        TestEvents.AssertEquivalent(TestEvents.Full(), Formatter.DecodeStructuredModeMessage(body));
    }

    [Fact]
    public void ToHttpContent_InvalidEvent_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new CloudEvent().ToHttpContent(ContentMode.Binary, Formatter));
    }

    [Fact]
    public async Task ToHttpContent_Batch_UsesBatchContentType()
    {
        using var content = new[] { TestEvents.Minimal(), TestEvents.Full() }.ToHttpContent(Formatter);
        Assert.Equal("application/cloudevents-batch+json", content.Headers.ContentType!.MediaType);
        var result = await content.ReadCloudEventsAsync(Formatter);
        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.IsBatch);
        Assert.Equal(2, result.Events.Count);
        TestEvents.AssertEquivalent(TestEvents.Full(), result.Events[1]);
    }

    [Theory]
    [InlineData(ContentMode.Binary)]
    [InlineData(ContentMode.Structured)]
    public async Task ToCloudEventAsync_EncodedContent_RoundTrips(ContentMode mode)
    {
        var known = new[] { CloudEventAttribute.CreateExtension("mqttqos", CloudEventAttributeType.Integer), CloudEventAttribute.CreateExtension("mqttretain", CloudEventAttributeType.Boolean) };
        using var content = TestEvents.Full().ToHttpContent(mode, Formatter);
        TestEvents.AssertEquivalent(TestEvents.Full(), await content.ToCloudEventAsync(Formatter, known));
    }

    [Fact]
    public async Task ToCloudEventAsync_Response_ReadsResponseAndContentHeaders()
    {
        using var response = new HttpResponseMessage { Content = new ByteArrayContent("hi"u8.ToArray()) };
        response.Headers.TryAddWithoutValidation("ce-specversion", "1.0");
        response.Headers.TryAddWithoutValidation("CE-ID", "%E2%82%ac");
        response.Headers.TryAddWithoutValidation("Ce-Source", "/s");
        response.Content.Headers.TryAddWithoutValidation("ce-type", "t");
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        var cloudEvent = await response.ToCloudEventAsync(Formatter);
        Assert.Equal("€", cloudEvent.Id);
        Assert.Equal("text/plain; charset=utf-8", cloudEvent.DataContentType);
        Assert.Equal("hi"u8.ToArray(), cloudEvent.Data!.Value.ToArray());
    }

    private static ByteArrayContent Binary(string body, string? contentType, params (string Name, string Value)[] headers)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, value) in headers)
        {
            content.Headers.TryAddWithoutValidation(name, value);
        }

        return content;
    }

    private static readonly (string, string)[] Required = [("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-source", "/s"), ("ce-type", "t")];

    public static TheoryData<string[], string, int> InvalidBinary => new()
    {
        { [], "needs a ce-specversion header", 400 },
        { ["ce-specversion", "1.0"], "missing required attribute(s): id, source, type", 400 },
        { ["ce-specversion", "0.3", "ce-id", "1", "ce-source", "/s", "ce-type", "t"], "Unsupported specversion '0.3'", 400 },
        { ["ce-specversion", "1.0", "ce-id", "a%zz", "ce-source", "/s", "ce-type", "t"], "header 'ce-id': invalid percent-escape", 400 },
        { ["ce-specversion", "1.0", "ce-id", "%C3%28", "ce-source", "/s", "ce-type", "t"], "header 'ce-id': the percent-encoded bytes are not valid UTF-8", 400 },
        { ["ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s", "ce-type", "t", "ce-time", "noon"], "attribute 'time'", 400 },
        { ["ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s", "ce-type", "t", "ce-bad_name", "x"], "header 'ce-bad_name' does not name a valid attribute", 400 },
        { ["ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s", "ce-type", "t", "ce-data", "x"], "reserved", 400 },
        { ["ce-specversion", "1.0", "ce-id", "", "ce-source", "/s", "ce-type", "t"], "attribute 'id': the value must not be empty", 400 },
    };

    [Theory]
    [MemberData(nameof(InvalidBinary))]
    public async Task ReadCloudEventsAsync_InvalidBinary_FailsWithStatusAndMessage(string[] headers, string expected, int status)
    {
        var pairs = headers.Chunk(2).Select(pair => (pair[0], pair[1])).ToArray();
        using var content = Binary("x", "text/plain", pairs);
        var result = await content.ReadCloudEventsAsync(Formatter);
        Assert.False(result.Succeeded);
        Assert.Equal(status, result.StatusCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Throws<CloudEventFormatException>(result.ThrowIfFailed);
    }

    [Fact]
    public async Task ReadCloudEventsAsync_BinaryWithCeDataContentTypeOnly_UsesIt()
    {
        using var content = Binary("x", null, [.. Required, ("ce-datacontenttype", "text/plain")]);
        var cloudEvent = (await content.ReadCloudEventsAsync(Formatter)).GetSingleEvent();
        Assert.Equal("text/plain", cloudEvent.DataContentType);
    }

    [Fact]
    public async Task ReadCloudEventsAsync_BinaryWithContentTypeAndCeDataContentType_ContentTypeWins()
    {
        using var content = Binary("x", "text/csv", [.. Required, ("ce-datacontenttype", "text/plain")]);
        var cloudEvent = (await content.ReadCloudEventsAsync(Formatter)).GetSingleEvent();
        Assert.Equal("text/csv", cloudEvent.DataContentType);
    }

    [Fact]
    public async Task ReadCloudEventsAsync_BinaryEmptyBody_NoData()
    {
        using var content = Binary("", null, Required);
        var cloudEvent = (await content.ReadCloudEventsAsync(Formatter)).GetSingleEvent();
        Assert.Null(cloudEvent.Data);
        Assert.Null(cloudEvent.DataContentType);
    }

    [Theory]
    [InlineData("application/cloudevents+json; charset=utf-8")]
    [InlineData("Application/CloudEvents+JSON")]
    public async Task ReadCloudEventsAsync_StructuredContentTypeAnyCaseWithParameters_Decodes(string contentType)
    {
        using var content = Binary("""{"specversion":"1.0","id":"1","source":"/s","type":"t"}""", contentType);
        var result = await content.ReadCloudEventsAsync(Formatter);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ContentMode.Structured, result.Mode);
        Assert.False(result.IsBatch);
    }

    [Fact]
    public async Task ReadCloudEventsAsync_StructuredInvalid_400WithFormatterMessage()
    {
        using var content = Binary("""{"specversion":1}""", "application/cloudevents+json");
        var result = await content.ReadCloudEventsAsync(Formatter);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("'specversion' must be a JSON string", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/cloudevents+avro")]
    [InlineData("application/cloudevents-batch+protobuf")]
    public async Task ReadCloudEventsAsync_OtherEventFormat_415(string contentType)
    {
        using var content = Binary("{}", contentType);
        var result = await content.ReadCloudEventsAsync(Formatter);
        Assert.Equal(415, result.StatusCode);
    }

    [Fact]
    public async Task ReadCloudEventsAsync_BatchNotArray_400()
    {
        using var content = Binary("{}", "application/cloudevents-batch+json");
        var result = await content.ReadCloudEventsAsync(Formatter);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("must be a JSON array", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 200)]
    [InlineData(101, 413)]
    public async Task ReadCloudEventsAsync_BodySizeAgainstLimit_413OnlyAboveIt(int size, int status)
    {
        using var content = Binary(new string('x', size), "text/plain", Required);
        var result = await content.ReadCloudEventsAsync(Formatter, maxBodySize: 100);
        Assert.Equal(status, result.StatusCode);
        Assert.True(result.Succeeded || result.Error!.Contains("100 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetSingleEvent_Batch_Throws()
    {
        using var content = Binary("[]", "application/cloudevents-batch+json");
        var result = await content.ReadCloudEventsAsync(Formatter);
        Assert.True(result.Succeeded);
        Assert.Throws<CloudEventFormatException>(() => result.GetSingleEvent());
    }
}
