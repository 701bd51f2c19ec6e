using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Testing.Tests.Mosquitto;

public sealed class MosquittoClientsTests
{
    [Fact]
    public async Task PublishNumberedAsync_HundredMessages_ArriveInOrder()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = broker.ClientOptions() with { Qos = 1 };
        await using var subscriber = await MosquittoClients.SubscribeAsync(options, "test/numbered");

        var result = await MosquittoClients.PublishNumberedAsync(options, "test/numbered", 100);

        Assert.True(result.Succeeded, result.ToString());
        var messages = await subscriber.WaitForMessagesAsync(100);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => $"message-{i}"), messages.Select(m => m.Payload));
    }

    [Fact]
    public async Task PublishAsync_V5WithUserPropertiesAndContentType_IsAccepted()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = broker.ClientOptions() with
        {
            ProtocolVersion = MosquittoProtocolVersion.V5,
            ClientId = "v5-publisher",
            UserProperties = [new("ce_type", "com.example.test"), new("ce_id", "1")],
            ContentType = "application/json",
        };
        await using var subscriber = await MosquittoClients.SubscribeAsync(
            broker.ClientOptions() with { ProtocolVersion = MosquittoProtocolVersion.V5 }, "test/v5");

        var result = await MosquittoClients.PublishAsync(options, "test/v5", """{"a":1}""");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("""{"a":1}""", Assert.Single(await subscriber.WaitForMessagesAsync(1)).Payload);
        Assert.Contains("New client connected from 127.0.0.1", broker.Log, StringComparison.Ordinal);
        Assert.Contains("as v5-publisher (p5", broker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishFileAsync_MultiLinePayload_ArrivesWhole()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker.ClientOptions(), "test/file");
        var file = Path.Combine(broker.Directory, "payload.txt");
        File.WriteAllText(file, "line one\nline two");

        var result = await MosquittoClients.PublishFileAsync(broker.ClientOptions(), "test/file", file);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("line one\nline two", Assert.Single(await subscriber.WaitForMessagesAsync(1)).Payload);
    }

    [Fact]
    public async Task PublishAsync_NoBroker_FailsQuickly()
    {
        var options = new MosquittoClientOptions { Port = TestPorts.GetFreeTcpPort() };

        var result = await MosquittoClients.PublishAsync(options, "test/nowhere", "x");

        Assert.False(result.Succeeded);
        Assert.False(result.TimedOut);
        Assert.NotEmpty(result.StandardError);
    }
}
