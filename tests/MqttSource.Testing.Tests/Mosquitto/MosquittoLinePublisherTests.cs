using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Testing.Tests.Mosquitto;

public sealed class MosquittoLinePublisherTests
{
    [Fact]
    public async Task PublishAsync_InTwoBatches_AllArriveInOrderAndCompleteSucceeds()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = broker.ClientOptions() with { Qos = 1 };
        await using var subscriber = await MosquittoClients.SubscribeAsync(options, "test/lines");
        await using var publisher = MosquittoLinePublisher.Start(options, "test/lines");

        await publisher.PublishAsync(["one", "two"]);
        Assert.Equal(["one", "two"], (await subscriber.WaitForMessagesAsync(2)).Select(m => m.Payload));
        await publisher.PublishAsync(["three"]);
        var result = await publisher.CompleteAsync(TimeSpan.FromSeconds(20));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(3, publisher.Written);
        Assert.Equal(["one", "two", "three"], (await subscriber.WaitForMessagesAsync(3)).Select(m => m.Payload));
    }
}
