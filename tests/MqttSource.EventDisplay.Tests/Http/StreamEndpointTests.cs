using System.Net;
using System.Text.Json;
using CloudNative.CloudEvents;
using MqttSource.EventDisplay.Tests.Support;
using MqttSource.Testing;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Http;

public sealed class StreamEndpointTests
{
    [Fact]
    public async Task Stream_EventPostedAfterConnect_IsDelivered()
    {
        await using var display = await RunningDisplay.StartAsync();
        await using var client = await SseClient.ConnectAsync(display.Client);
        await WaitForSubscribersAsync(display, 1);

        using var posted = await display.Client.PostAsync(SampleEvents.Json("live-1"), ContentMode.Binary);

        await client.WaitForEventIdAsync("live-1");
        Assert.StartsWith("text/event-stream", client.ContentType, StringComparison.Ordinal);
        var message = client.Messages.Single(m => m.Event == "cloudevent");
        Assert.Equal("1", message.Id);
        using var json = JsonDocument.Parse(message.Data);
        Assert.Equal(1, json.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(21.5, json.RootElement.GetProperty("event").GetProperty("data").GetProperty("temperature").GetDouble());
        Assert.Equal("room/kitchen", json.RootElement.GetProperty("event").GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Stream_OnConnect_SendsHistoryThenNewEvents_AndResumesAfterLastEventId()
    {
        await using var display = await RunningDisplay.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            using var posted = await display.Client.PostAsync(SampleEvents.Json("h" + i), ContentMode.Binary);
        }

        await using var fresh = await SseClient.ConnectAsync(display.Client);
        await using var resumed = await SseClient.ConnectAsync(display.Client, lastEventId: "2");
        await WaitForSubscribersAsync(display, 2);
        using var after = await display.Client.PostAsync(SampleEvents.Json("h4"), ContentMode.Binary);

        await fresh.WaitForEventIdAsync("h4");
        await resumed.WaitForEventIdAsync("h4");
        Assert.Equal(["h1", "h2", "h3", "h4"], fresh.EventIds());
        Assert.Equal(["h3", "h4"], resumed.EventIds());
    }

    [Fact]
    public async Task Stream_JsonDataWithLineBreaks_StaysOneMessage()
    {
        await using var display = await RunningDisplay.StartAsync();
        await using var client = await SseClient.ConnectAsync(display.Client);
        await WaitForSubscribersAsync(display, 1);
        var cloudEvent = SampleEvents.Json("lines");
        cloudEvent.Data = "{\r\n  \"a\": 1,\n  \"b\": [2]\r}"u8.ToArray();

        using var posted = await display.Client.PostAsync(cloudEvent, ContentMode.Binary);

        await client.WaitForEventIdAsync("lines");
        using var json = JsonDocument.Parse(client.Messages.Single().Data);
        Assert.Equal(2, json.RootElement.GetProperty("event").GetProperty("data").GetProperty("b")[0].GetInt32());
    }

    [Fact]
    public async Task Stream_ManyClientsConnectingAndLeaving_AreCleanedUpAndServerStaysUp()
    {
        await using var display = await RunningDisplay.StartAsync();

        for (var round = 0; round < 5; round++)
        {
            var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SseClient.ConnectAsync(display.Client)));
            await WaitForSubscribersAsync(display, 20);
            using var posted = await display.Client.PostAsync(SampleEvents.Json("round-" + round), ContentMode.Binary);
            await Task.WhenAll(clients.Select(c => c.WaitForEventIdAsync("round-" + round)));
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            await WaitForSubscribersAsync(display, 0);
        }

        using var health = await display.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);
    }

    [Fact]
    public async Task Stream_OverClientLimit_Returns503()
    {
        await using var display = await RunningDisplay.StartAsync(["--max-stream-clients", "2"]);
        await using var first = await SseClient.ConnectAsync(display.Client);
        await using var second = await SseClient.ConnectAsync(display.Client);

        using var third = await display.Client.GetAsync("/events/stream", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
    }

    [Fact]
    public async Task Stop_WithConnectedClients_EndsTheirStreams()
    {
        var display = await RunningDisplay.StartAsync();
        await using var client = await SseClient.ConnectAsync(display.Client);
        await WaitForSubscribersAsync(display, 1);

        await display.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static Task WaitForSubscribersAsync(RunningDisplay display, int count) =>
        Eventually.WaitUntilAsync(() => display.Server.Hub.SubscriberCount == count, RunningDisplay.Timeout, $"{count} live-page client(s) are subscribed");
}
