using System.Net;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using MqttSource.CloudEvents.Json;
using MqttSource.EventDisplay.Tests.Support;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Http;

public sealed class EventsEndpointTests
{
    [Fact]
    public async Task GetEvents_ReturnsKeptEventsAsBatchNewestLast()
    {
        await using var display = await RunningDisplay.StartAsync(["--history", "3"]);
        for (var i = 1; i <= 5; i++)
        {
            using var posted = await display.Client.PostAsync(SampleEvents.Json("e" + i, i % 2 == 0 ? "even" : "odd"), ContentMode.Binary);
        }

        using var response = await display.Client.GetAsync("/events");
        var events = await ReadBatchAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/cloudevents-batch+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.IsCloudEventBatch());
        Assert.Equal(["e3", "e4", "e5"], events.Select(e => e.Id));
        Assert.Equal(TestEvents.Data(SampleEvents.Json()), TestEvents.Data(events[0]));
        Assert.Equal("room/kitchen", events[0].Subject);
        Assert.Contains("\"data\":{\"temperature\":21.5,", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEvents_TypeFilter_ReturnsOnlyThatType()
    {
        await using var display = await RunningDisplay.StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            using var posted = await display.Client.PostAsync(SampleEvents.Json("e" + i, i % 2 == 0 ? "even" : "odd"), ContentMode.Binary);
        }

        using var even = await display.Client.GetAsync("/events?type=even");
        using var none = await display.Client.GetAsync("/events?type=nothing");

        Assert.Equal(["e2", "e4"], (await ReadBatchAsync(even)).Select(e => e.Id));
        Assert.Empty(await ReadBatchAsync(none));
    }

    [Fact]
    public async Task GetEvents_NothingReceived_ReturnsEmptyBatch()
    {
        await using var display = await RunningDisplay.StartAsync();

        Assert.Equal("[]", await display.Client.GetStringAsync("/events"));
    }

    [Fact]
    public async Task GetEvents_BinaryData_RoundTripsAsBase64()
    {
        await using var display = await RunningDisplay.StartAsync();
        var sent = SampleEvents.Binary();
        using var posted = await display.Client.PostAsync(sent, ContentMode.Binary);

        using var response = await display.Client.GetAsync("/events");
        var received = Assert.Single(await ReadBatchAsync(response));

        Assert.Equal(TestEvents.Data(sent), TestEvents.Data(received));
        Assert.Equal("devices/7/blob", received["mqtttopic"]);
    }

    /// <summary>Reads a batch response with the SDK's HTTP binding.</summary>
    private static Task<IReadOnlyList<CloudEvent>> ReadBatchAsync(HttpResponseMessage response) =>
        response.ToCloudEventBatchAsync(RawJsonEventFormatter.Instance, Array.Empty<CloudEventAttribute>());

    [Fact]
    public async Task GetPage_ServesSelfContainedHtmlJsAndCss()
    {
        await using var display = await RunningDisplay.StartAsync();

        using var page = await display.Client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var js = await display.Client.GetStringAsync("/app.js");
        var css = await display.Client.GetStringAsync("/app.css");

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<table id=\"events\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("new EventSource('events/stream')", js, StringComparison.Ordinal);
        Assert.Contains("@media (max-width", css, StringComparison.Ordinal);
    }
}
