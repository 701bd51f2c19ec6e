using System.Collections.Concurrent;
using System.Text;
using MqttSource.Mqtt.Client;
using MqttSource.Mqtt.Options;
using MqttSource.Testing;
using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Mqtt.Tests.Client;

/// <summary>
/// Messages still waiting for the handler when their connection drops: dropped when the broker resumes the session (it
/// redelivers them, so handing them over would only make duplicates), handed over when the session is gone (they are the
/// only copies left).
/// </summary>
public sealed class ReconnectCopiesTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private static MqttClient Client(MosquittoBroker broker, string clientId) => new(new MqttClientOptionsBuilder()
        .WithTcpServer(broker.Host, broker.Port)
        .WithClientId(clientId)
        .WithPersistentSession(TimeSpan.FromHours(1))
        .WithReceiveMaximum(10)
        .WithReconnectDelay(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500))
        .Build());

    /// <summary>Holds the handler on the first message until <paramref name="gate"/> opens; records every payload handed over.</summary>
    private static ConcurrentQueue<string> Record(MqttClient client, Task gate)
    {
        var seen = new ConcurrentQueue<string>();
        client.ApplicationMessageReceivedAsync += async e =>
        {
            seen.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.Span));
            await gate;
        };
        return seen;
    }

    private static async Task PublishAsync(MosquittoBroker broker)
    {
        var result = await MosquittoClients.PublishLinesAsync(broker.ClientOptions() with { Qos = 1 }, "t/a", ["m1", "m2", "m3", "m4", "m5"]);
        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Reconnect_SessionPresent_WaitingCopiesDroppedTheBrokersRedeliveriesHandedOver()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var client = Client(broker, "copies-session");
        var gate = new TaskCompletionSource();
        var seen = Record(client, gate.Task);
        await client.SubscribeAsync("t/#");
        await client.StartAsync();
        await client.WaitUntilConnectedAsync().WaitAsync(s_wait);
        await PublishAsync(broker);
        await Eventually.WaitUntilAsync(() => seen.Count == 1 && client.PendingMessages == 4, s_wait, "m1 in the handler, m2..m5 waiting");

        client.AbortConnection("test: the link drops");
        await Eventually.WaitUntilAsync(() => client.ReconnectCount == 1 && client.IsConnected, s_wait, "reconnected with the session");
        gate.SetResult();

        await Eventually.WaitUntilAsync(() => seen.Count >= 6 && client.PendingMessages == 0, s_wait, "the redeliveries handed over");
        // m1 was in the handler already (it goes twice); the old copies of m2..m5 were dropped, only the redeliveries came.
        Assert.Equal(["m1", "m1", "m2", "m3", "m4", "m5"], seen.Order());
    }

    [Fact]
    public async Task Reconnect_SessionLost_WaitingMessagesHandedOverAfterAll()
    {
        await using var broker = await MosquittoBroker.StartAsync(); // no persistence: a restart loses the session
        await using var client = Client(broker, "copies-lost");
        var gate = new TaskCompletionSource();
        var seen = Record(client, gate.Task);
        await client.SubscribeAsync("t/#");
        await client.StartAsync();
        await client.WaitUntilConnectedAsync().WaitAsync(s_wait);
        await PublishAsync(broker);
        await Eventually.WaitUntilAsync(() => seen.Count == 1 && client.PendingMessages == 4, s_wait, "m1 in the handler, m2..m5 waiting");

        await broker.RestartAsync();
        await Eventually.WaitUntilAsync(() => client.ReconnectCount == 1 && client.IsConnected, s_wait, "reconnected to a broker without the session");
        Assert.False(client.ConnectResult!.SessionPresent);
        gate.SetResult();

        await Eventually.WaitUntilAsync(() => seen.Count == 5, s_wait, "the waiting messages handed over");
        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], seen);
    }
}
