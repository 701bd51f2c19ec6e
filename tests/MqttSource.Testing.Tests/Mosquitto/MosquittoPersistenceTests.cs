using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Testing.Tests.Mosquitto;

/// <summary>
/// Mosquitto writes its database on a clean stop (SIGTERM) and every autosave_interval (1800 s by default).
/// A kill -9 therefore loses whatever changed since the last save: these tests publish, then make sure a save
/// happened (clean stop, or the database file written after the publish) before killing.
/// </summary>
public sealed class MosquittoPersistenceTests
{
    private const string Topic = "test/retained";

    [Fact]
    public async Task RestartAsync_RetainedMessage_Survives()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Persistence = true });
        await PublishRetainedAsync(broker, "before restart");
        var port = broker.Port;

        await broker.RestartAsync();

        Assert.Equal(port, broker.Port);
        Assert.True(File.Exists(Path.Combine(broker.DataDirectory, "mosquitto.db")));
        Assert.Equal("before restart", await ReadRetainedAsync(broker));
    }

    [Fact]
    public async Task KillThenStartAgain_PublishedBeforeCleanStop_Survives()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Persistence = true });
        await PublishRetainedAsync(broker, "saved on stop");
        await broker.RestartAsync();

        broker.Kill();
        Assert.False(broker.IsRunning);
        await broker.StartAgainAsync();

        Assert.Equal("saved on stop", await ReadRetainedAsync(broker));
    }

    [Fact]
    public async Task KillThenStartAgain_AfterAutosave_Survives()
    {
        var options = new MosquittoOptions { Persistence = true, AutosaveInterval = TimeSpan.FromSeconds(1) };
        await using var broker = await MosquittoBroker.StartAsync(options);
        await PublishRetainedAsync(broker, "autosaved");
        var published = DateTime.UtcNow;
        var database = Path.Combine(broker.DataDirectory, "mosquitto.db");

        // The log line "Saving in-memory database" comes before the write; a kill right after it can beat the write on a
        // busy machine. The database file written (renamed into place) after the publish is the save that counts.
        await Eventually.WaitUntilAsync(() => File.Exists(database) && File.GetLastWriteTimeUtc(database) > published, TimeSpan.FromSeconds(10), "mosquitto autosaved after the publish");
        broker.Kill();
        await broker.StartAgainAsync();

        Assert.Equal("autosaved", await ReadRetainedAsync(broker));
    }

    [Fact]
    public async Task RestartAsync_WithoutPersistence_LosesRetainedMessage()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await PublishRetainedAsync(broker, "gone");

        await broker.RestartAsync();

        // A marker retained after the restart proves the subscriber would have seen an older one first.
        await PublishRetainedAsync(broker, "marker", "test/marker");
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker.ClientOptions(), "test/#");
        var messages = await subscriber.WaitForMessagesAsync(1);
        Assert.Equal("marker", Assert.Single(messages).Payload);
    }

    private static async Task PublishRetainedAsync(MosquittoBroker broker, string payload, string topic = Topic)
    {
        var result = await MosquittoClients.PublishAsync(broker.ClientOptions() with { Qos = 1, Retain = true }, topic, payload);
        Assert.True(result.Succeeded, result.ToString());
    }

    private static async Task<string> ReadRetainedAsync(MosquittoBroker broker)
    {
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker.ClientOptions(), Topic);
        var message = Assert.Single(await subscriber.WaitForMessagesAsync(1));
        Assert.True(message.Retained);
        return message.Payload;
    }
}
