using System.Net;
using MqttSource.CloudEvents;
using MqttSource.CloudEvents.Http;
using MqttSource.CloudEvents.Json;
using MqttSource.EventDisplay.Tests.Support;
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
        var result = await response.ReadCloudEventsAsync(JsonEventFormatter.Instance);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/cloudevents-batch+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.IsBatch);
        Assert.Equal(["e3", "e4", "e5"], result.Events.Select(e => e.Id));
        Assert.Equal(SampleEvents.Json().Data!.Value.ToArray(), result.Events[0].Data!.Value.ToArray());
        Assert.Equal("room/kitchen", result.Events[0].Subject);
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

        Assert.Equal(["e2", "e4"], (await even.ReadCloudEventsAsync(JsonEventFormatter.Instance)).Events.Select(e => e.Id));
        Assert.Empty((await none.ReadCloudEventsAsync(JsonEventFormatter.Instance)).Events);
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
        var received = Assert.Single((await response.ReadCloudEventsAsync(JsonEventFormatter.Instance)).Events);

        Assert.Equal(sent.Data!.Value.ToArray(), received.Data!.Value.ToArray());
        Assert.Equal("devices/7/blob", received["mqtttopic"]);
    }

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
