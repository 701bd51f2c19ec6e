using System.Text;
using Microsoft.AspNetCore.Http;
using MqttSource.CloudEvents.Http;
using MqttSource.CloudEvents.Json;
using Xunit;

namespace MqttSource.CloudEvents.Tests.Http;

public sealed class HttpRequestExtensionsTests
{
    private static readonly JsonEventFormatter Formatter = JsonEventFormatter.Instance;

    private static HttpRequest Request(string body, string? contentType, bool sendLength = true, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = sendLength ? bytes.Length : null;
        context.Request.ContentType = contentType;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        return context.Request;
    }

    [Fact]
    public async Task ReadCloudEventsAsync_Binary_DecodesHeadersAndBody()
    {
        var request = Request("{\"a\":1}", "application/json", true,
            ("ce-specversion", "1.0"), ("ce-id", "42"), ("ce-source", "/apis/v1/namespaces/ns/mqttsources/demo"),
            ("ce-type", "dev.knative.sources.mqtt.message"), ("ce-subject", "room%201%2Ftemp"), ("ce-mqttqos", "1"));
        var result = await request.ReadCloudEventsAsync(Formatter);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ContentMode.Binary, result.Mode);
        var cloudEvent = Assert.Single(result.Events);
        Assert.Equal("room 1/temp", cloudEvent.Subject);
        Assert.Equal("1", cloudEvent["mqttqos"]);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("{\"a\":1}"u8.ToArray(), cloudEvent.Data!.Value.ToArray());
    }

    [Fact]
    public async Task ReadCloudEventsAsync_DuplicateCeHeader_400()
    {
        var request = Request("", null, true, ("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-id", "2"), ("ce-source", "/s"), ("ce-type", "t"));
        var result = await request.ReadCloudEventsAsync(Formatter);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("'ce-id' appears more than once", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadCloudEventsAsync_Structured_Decodes()
    {
        var request = Request("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data":[1,2.50]}""", "application/cloudevents+json; charset=UTF-8");
        var cloudEvent = await request.ToCloudEventAsync(Formatter);
        Assert.Equal("[1,2.50]", Encoding.UTF8.GetString(cloudEvent.Data!.Value.Span));
    }

    [Fact]
    public async Task ReadCloudEventsAsync_Batch_DecodesAll()
    {
        var request = Request("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"},{"specversion":"1.0","id":"2","source":"/s","type":"t"}]""", "application/cloudevents-batch+json");
        Assert.True(request.IsCloudEventBatch());
        var result = await request.ReadCloudEventsAsync(Formatter);
        Assert.True(result.IsBatch);
        Assert.Equal(["1", "2"], result.Events.Select(cloudEvent => cloudEvent.Id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadCloudEventsAsync_OverLimitWithOrWithoutContentLength_413(bool sendLength)
    {
        var request = Request(new string('x', 70_000), "text/plain", sendLength, ("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-source", "/s"), ("ce-type", "t"));
        var result = await request.ReadCloudEventsAsync(Formatter, maxBodySize: 64 * 1024);
        Assert.False(result.Succeeded);
        Assert.Equal(413, result.StatusCode);
    }

    [Fact]
    public async Task ReadCloudEventsAsync_ChunkedBodyUnderLimit_Accepted()
    {
        var request = Request(new string('x', 64 * 1024), "text/plain", false, ("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-source", "/s"), ("ce-type", "t"));
        var result = await request.ReadCloudEventsAsync(Formatter, maxBodySize: 64 * 1024);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(64 * 1024, result.Events[0].Data!.Value.Length);
    }

    [Fact]
    public async Task ToCloudEventAsync_NotACloudEvent_ThrowsClearMessage()
    {
        var request = Request("hello", "text/plain");
        var ex = await Assert.ThrowsAsync<CloudEventFormatException>(() => request.ToCloudEventAsync(Formatter));
        Assert.Contains("ce-specversion", ex.Message, StringComparison.Ordinal);
    }
}
