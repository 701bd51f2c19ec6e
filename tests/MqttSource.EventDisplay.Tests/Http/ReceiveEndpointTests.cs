using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using MqttSource.CloudEvents.Json;
using MqttSource.EventDisplay.Tests.Output;
using MqttSource.EventDisplay.Tests.Support;
using MqttSource.Testing;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Http;

public sealed class ReceiveEndpointTests
{
    [Theory]
    [InlineData("json", ContentMode.Binary)]
    [InlineData("json", ContentMode.Structured)]
    [InlineData("binary", ContentMode.Binary)]
    [InlineData("binary", ContentMode.Structured)]
    public async Task Post_Event_Returns202AndPrintsGoldenText(string sample, ContentMode mode)
    {
        var (cloudEvent, golden) = sample == "json" ? (SampleEvents.Json(), GoldenText.JsonEvent) : (SampleEvents.Binary(), GoldenText.BinaryEvent);
        await using var display = await RunningDisplay.StartAsync();

        using var response = await display.Client.PostAsync(cloudEvent, mode);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await display.WaitForOutputAsync(golden[^20..]);
        Assert.Equal(golden, display.Output.ToString());
    }

    [Fact]
    public async Task Post_Batch_Returns202AndPrintsEveryEventInOrder()
    {
        await using var display = await RunningDisplay.StartAsync();
        CloudEvent[] batch = [SampleEvents.Json("b-1"), SampleEvents.Binary(), SampleEvents.Json("b-3")];
        using var content = batch.ToHttpContent(RawJsonEventFormatter.Instance);

        using var response = await display.Client.PostAsync("/", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await display.WaitForOutputAsync("id: b-3\n");
        var output = display.Output.ToString();
        Assert.Equal(3, output.Split("☁️  cloudevents.Event\n").Length - 1);
        Assert.True(output.IndexOf("id: b-1", StringComparison.Ordinal) < output.IndexOf("id: bin-1", StringComparison.Ordinal));
        Assert.True(output.IndexOf("id: bin-1", StringComparison.Ordinal) < output.IndexOf("id: b-3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/some/trigger/path")]
    [InlineData("/events")]
    public async Task Post_AnyPath_IsAccepted(string path)
    {
        await using var display = await RunningDisplay.StartAsync();

        using var response = await display.Client.PostAsync(SampleEvents.Json(), ContentMode.Binary, path);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static TheoryData<string, string, string[], string> InvalidRequests => new()
    {
        { "application/json", "{}", [], "ce-specversion" },
        { "application/json", "{}", ["ce-specversion: 1.0", "ce-source: /s", "ce-type: t"], "missing required attribute(s): id" },
        { "application/json", "{}", ["ce-specversion: 0.3", "ce-id: 1", "ce-source: /s", "ce-type: t"], "specversion" },
        { "text/plain", "x", ["ce-specversion: 1.0", "ce-id: 1", "ce-source: /s", "ce-type: t", "ce-time: yesterday"], "time" },
        { "application/cloudevents+json", "{\"specversion\":\"1.0\",\"id\":\"1\"", [], "not valid JSON" },
        { "application/cloudevents+json", "{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\"}", [], "id" },
        { "application/cloudevents-batch+json", "{\"not\":\"an array\"}", [], "JSON array" },
        { "application/cloudevents-batch+json", "[{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"},{}]", [], "member 1" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Post_InvalidEvent_Returns400WithOneLineReasonAndLogsIt(string contentType, string body, string[] headers, string reasonPart)
    {
        await using var display = await RunningDisplay.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hook") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
        }

        using var response = await display.Client.SendAsync(request);
        var reason = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reasonPart, reason, StringComparison.Ordinal);
        Assert.EndsWith("\n", reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reason.TrimEnd('\n'));
        Assert.Contains(display.Logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains(reason.TrimEnd('\n'), StringComparison.Ordinal) && entry.Message.Contains("/hook", StringComparison.Ordinal));
        Assert.Equal(string.Empty, display.Output.ToString());
    }

    [Fact]
    public async Task Post_UnsupportedStructuredFormat_Returns415()
    {
        await using var display = await RunningDisplay.StartAsync();
        using var content = new StringContent("<event/>", Encoding.UTF8, "application/cloudevents+xml");

        using var response = await display.Client.PostAsync("/", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/cloudevents+json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Returns413()
    {
        await using var display = await RunningDisplay.StartAsync(["--max-body-size", "1000"]);
        var small = SampleEvents.Json();
        small.Data = Encoding.UTF8.GetBytes("\"" + new string('x', 900) + "\"");
        var large = SampleEvents.Json();
        large.Data = Encoding.UTF8.GetBytes("\"" + new string('x', 5000) + "\"");

        using var accepted = await display.Client.PostAsync(small, ContentMode.Binary);
        using var tooLarge = await display.Client.PostAsync(large, ContentMode.Binary);
        using var tooLargeStructured = await display.Client.PostAsync(large, ContentMode.Structured);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("1000 bytes", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeStructured.StatusCode);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverTheLimit_Returns413()
    {
        await using var display = await RunningDisplay.StartAsync(["--max-body-size", "1000"]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StreamContent(new MemoryStream(new byte[5000])) };
        request.Headers.TransferEncodingChunked = true;
        foreach (var (name, value) in new[] { ("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-source", "/s"), ("ce-type", "t") })
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await display.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_DeeplyNestedStructuredJson_Returns400AndServerStaysUp()
    {
        await using var display = await RunningDisplay.StartAsync();
        var nested = new string('[', 100_000) + new string(']', 100_000);
        using var content = new StringContent("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":" + nested + "}", Encoding.UTF8, "application/cloudevents+json");

        using var response = await display.Client.PostAsync("/", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertHealthyAsync(display);
    }

    [Fact]
    public async Task Post_DeeplyNestedJsonDataInBinaryMode_IsAcceptedAndPrintedWithoutIndenting()
    {
        await using var display = await RunningDisplay.StartAsync();
        var cloudEvent = SampleEvents.Json();
        var nested = new string('[', 1000) + new string(']', 1000);
        cloudEvent.Data = Encoding.UTF8.GetBytes(nested);

        using var response = await display.Client.PostAsync(cloudEvent, ContentMode.Binary);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await display.WaitForOutputAsync("Data,\n  " + nested + "\n");
    }

    [Fact]
    public async Task Post_InvalidUtf8_IsRejectedInStructuredModeAndDumpedInBinaryMode()
    {
        await using var display = await RunningDisplay.StartAsync();
        var structured = Encoding.UTF8.GetBytes("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":\"\u0001\"}");
        structured[^4] = 0xff;
        using var structuredContent = new ByteArrayContent(structured);
        structuredContent.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        var binary = SampleEvents.Json("utf8");
        binary.DataContentType = "text/plain";
        binary.Data = new byte[] { 0x61, 0xff, 0xfe, 0x62 };

        using var rejected = await display.Client.PostAsync("/", structuredContent);
        using var accepted = await display.Client.PostAsync(binary, ContentMode.Binary);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await display.WaitForOutputAsync("|a..b|");
    }

    [Fact]
    public async Task Post_HugeHeaders_IsRefusedByKestrelAndServerStaysUp()
    {
        await using var display = await RunningDisplay.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("ce-huge", new string('h', 100_000));

        using var response = await display.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        await AssertHealthyAsync(display);
    }

    [Fact]
    public async Task Post_RequestLoggingEnabled_PrintsRawRequestThenEvent()
    {
        await using var display = await RunningDisplay.StartAsync(environment: new Dictionary<string, string> { ["REQUEST_LOGGING_ENABLED"] = "true" });

        using var response = await display.Client.PostAsync(SampleEvents.Json(), ContentMode.Binary, "/raw?x=1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await display.WaitForOutputAsync("☁️  cloudevents.Event");
        var output = display.Output.ToString();
        Assert.StartsWith("POST /raw?x=1 HTTP/1.1\n", output, StringComparison.Ordinal);
        Assert.Contains("\nce-id: A234-1234-1234\n", output, StringComparison.Ordinal);
        Assert.Contains("\n\n{\"temperature\":21.5,\"tags\":[\"a\",\"b\"],\"empty\":{}}\n\n☁️  cloudevents.Event\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealthz_Returns204()
    {
        await using var display = await RunningDisplay.StartAsync();

        using var response = await display.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Post_ManyEventsConcurrently_AllPrintedWhole()
    {
        await using var display = await RunningDisplay.StartAsync();

        var posts = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await display.Client.PostAsync(SampleEvents.Json("many-" + i), ContentMode.Binary);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        });
        await Task.WhenAll(posts);

        await Eventually.WaitUntilAsync(
            () => display.Output.ToString().Split("☁️  cloudevents.Event\n").Length - 1 == 200, RunningDisplay.Timeout, "200 events are printed");
        var blocks = display.Output.ToString().Split("☁️  cloudevents.Event\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(blocks, block => Assert.EndsWith("\"empty\": {}\n  }\n", block, StringComparison.Ordinal));
    }

    private static async Task AssertHealthyAsync(RunningDisplay display)
    {
        using var health = await display.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);
    }
}
