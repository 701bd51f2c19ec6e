using MqttSource.Testing.Faults;
using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

public sealed class FaultPublisherTests
{
    [Fact]
    public async Task PublishAsyncThenPaced_NumbersContinueAcrossTopicsAndCountAsSent()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker.ClientOptions() with { Qos = 1 }, "probe/#");
        var publisher = new FaultPublisher(broker, contentType: null);

        await publisher.PublishAsync(8);
        await publisher.PublishPacedAsync(4, TimeSpan.FromMilliseconds(400));

        Assert.Equal(12, publisher.Sent);
        var messages = await subscriber.WaitForMessagesAsync(12);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"message-{n}").Order(), messages.Select(m => m.Payload).Order());
        Assert.All(messages, m => Assert.Equal($"probe/{int.Parse(m.Payload["message-".Length..], System.Globalization.CultureInfo.InvariantCulture) % FaultPublisher.Topics}", m.Topic));
    }

    [Fact]
    public async Task PublishPoisonAsync_Mqtt5WithPropertiesAndBytes_PublishedAndKept()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker.ClientOptions() with { Qos = 1 }, "probe/#");
        var publisher = new FaultPublisher(broker, contentType: null);
        var poison = new PoisonMessage("p", "poison01z", [0xFF, .. "poison01z"u8.ToArray()], PoisonOutcome.Delivered)
        {
            ContentType = "text/plain; charset=\"unterminated",
            UserProperties = [new("id", "poison01z")],
        };

        await publisher.PublishPoisonAsync(poison);

        Assert.Equal([poison], publisher.Poisons);
        Assert.Equal(0, publisher.Sent);
        Assert.Single(await subscriber.WaitForMessagesAsync(1));
    }
}
