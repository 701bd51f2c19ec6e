using System.Diagnostics;
using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Testing.Tests.Mosquitto;

public sealed class MosquittoBrokerTests
{
    [Fact]
    public async Task StartAsync_Defaults_AcceptsConnectionsOnFreeLoopbackPort()
    {
        await using var broker = await MosquittoBroker.StartAsync();

        Assert.NotEqual(1883, broker.Port);
        Assert.Equal("127.0.0.1", broker.Host);
        Assert.Equal(new Uri($"mqtt://127.0.0.1:{broker.Port}"), broker.Url);
        Assert.True(broker.IsRunning);
        Assert.True(await TestPorts.AcceptsConnectionAsync(broker.Port));
        Assert.Contains($"listener {broker.Port} 127.0.0.1", File.ReadAllText(broker.ConfigPath), StringComparison.Ordinal);
        Assert.Contains("mosquitto version", broker.Log, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => broker.TlsPort);
    }

    [Fact]
    public async Task PublishAsync_WhileSubscribed_MessageRoundTrips()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MosquittoClients.SubscribeAsync(broker.ClientOptions(), "test/round-trip");

        var result = await MosquittoClients.PublishAsync(broker.ClientOptions(), "test/round-trip", "hello mosquitto");

        Assert.True(result.Succeeded, result.ToString());
        var message = Assert.Single(await subscriber.WaitForMessagesAsync(1));
        Assert.Equal(new MosquittoReceivedMessage("test/round-trip", "hello mosquitto", Retained: false), message);
    }

    [Fact]
    public async Task StartAsync_TwoBrokers_GetDifferentPortsAndFolders()
    {
        var starting = new[] { MosquittoBroker.StartAsync(), MosquittoBroker.StartAsync() };
        var brokers = await Task.WhenAll(starting);
        try
        {
            Assert.NotEqual(brokers[0].Port, brokers[1].Port);
            Assert.NotEqual(brokers[0].Directory, brokers[1].Directory);
            foreach (var broker in brokers)
            {
                var result = await MosquittoClients.PublishAsync(broker.ClientOptions(), "test/parallel", "x");
                Assert.True(result.Succeeded, result.ToString());
            }
        }
        finally
        {
            foreach (var broker in brokers)
            {
                await broker.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DisposeAsync_RunningBroker_EndsProcessAndDeletesFolder()
    {
        var broker = await MosquittoBroker.StartAsync();
        var processId = broker.ProcessId!.Value;
        var directory = broker.Directory;
        var port = broker.Port;

        await broker.DisposeAsync();

        Assert.False(Directory.Exists(directory));
        Assert.False(IsAlive(processId));
        Assert.False(await TestPorts.AcceptsConnectionAsync(port));
        await broker.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_InvalidConfig_FailsWithTheBrokersOwnMessage()
    {
        var options = new MosquittoOptions { ExtraConfig = "no_such_option true" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MosquittoBroker.StartAsync(options));

        Assert.Contains("no_such_option", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ThenStartAgainAsync_ServesOnTheSamePort()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var port = broker.Port;

        await broker.StopAsync();
        Assert.False(broker.IsRunning);
        Assert.False(await TestPorts.AcceptsConnectionAsync(port));
        await broker.StartAgainAsync();

        Assert.Equal(port, broker.Port);
        var result = await MosquittoClients.PublishAsync(broker.ClientOptions(), "test/again", "x");
        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Options_Limits_AreWrittenToTheConfig()
    {
        var options = new MosquittoOptions
        {
            MaxInflightMessages = 5,
            MaxQueuedMessages = 7,
            MaxPacketSize = 1024,
            QueueQos0Messages = true,
            AutosaveInterval = TimeSpan.FromSeconds(2),
        };

        await using var broker = await MosquittoBroker.StartAsync(options);

        var config = File.ReadAllText(broker.ConfigPath);
        Assert.Contains("max_inflight_messages 5\n", config, StringComparison.Ordinal);
        Assert.Contains("max_queued_messages 7\n", config, StringComparison.Ordinal);
        Assert.Contains("max_packet_size 1024\n", config, StringComparison.Ordinal);
        Assert.Contains("queue_qos0_messages true\n", config, StringComparison.Ordinal);
        Assert.Contains("autosave_interval 2\n", config, StringComparison.Ordinal);
        // An MQTT 3.1.1 client is disconnected (a v5 client learns the limit from CONNACK and drops the publish itself).
        var tooBig = await MosquittoClients.PublishAsync(broker.ClientOptions() with { Qos = 1 }, "test/big", new string('x', 2048));
        Assert.False(tooBig.Succeeded, tooBig.ToString());
        Assert.Contains("disconnected due to oversize packet", broker.Log, StringComparison.Ordinal);
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
