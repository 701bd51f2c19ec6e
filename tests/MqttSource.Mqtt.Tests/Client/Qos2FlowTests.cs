using MqttSource.Mqtt.Client;
using MqttSource.Mqtt.Options;
using MqttSource.Testing.FakeBroker;
using Xunit;

namespace MqttSource.Mqtt.Tests.Client;

/// <summary>The inbound QoS 2 handshake against a scripted broker, including a PUBREL that arrives on the next connection.</summary>
public sealed class Qos2FlowTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly byte[] ConnAckSessionPresent = [0x20, 0x02, 0x01, 0x00];

    // PUBLISH QoS 2, topic "q", packet id 5, payload "x".
    private static readonly byte[] Publish = [0x34, 0x06, 0x00, 0x01, (byte)'q', 0x00, 0x05, (byte)'x'];

    [Fact]
    public async Task Qos2_PubRelAfterReconnect_IsAnsweredWithPubComp()
    {
        var pubRec = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pubComp = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            var connect = c.Received.Count;
            await c.SendAsync(ConnAckSessionPresent);
            if (c.Index == 1)
            {
                await c.SendAsync(Publish);
                await c.ReceiveAtLeastAsync(connect + 4, Wait);
                pubRec.TrySetResult([.. c.Received.Skip(connect).Take(4)]);
                c.Close(); // the connection drops before the broker's PUBREL
            }
            else
            {
                await c.SendAsync(0x62, 0x02, 0x00, 0x05); // PUBREL for the message of the previous connection
                await c.ReceiveAtLeastAsync(connect + 4, Wait);
                pubComp.TrySetResult([.. c.Received.Skip(connect).Take(4)]);
                await c.WaitForCloseAsync(Wait);
            }
        });
        await using var client = new MqttClient(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId("qos2")
            .WithCleanStart(false)
            .WithReconnectDelay(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100))
            .Build());
        var received = new MessageCollector(client);
        await client.StartAsync();

        Assert.Equal([0x50, 0x02, 0x00, 0x05], await pubRec.Task.WaitAsync(Wait));
        Assert.Equal([0x70, 0x02, 0x00, 0x05], await pubComp.Task.WaitAsync(Wait));
        var message = Assert.Single(received.All).ApplicationMessage;
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, message.QualityOfServiceLevel);
        Assert.Empty(broker.ScriptErrors);
    }

    [Fact]
    public async Task Qos2_ManualAck_PubRecWaitsForTheApplication()
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var quietWindowOver = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            var connect = c.Received.Count;
            await c.SendAsync(ConnAckSessionPresent);
            await c.SendAsync(Publish);
            var early = await c.ReceiveAtLeastAsync(connect + 4, TimeSpan.FromMilliseconds(300));
            quietWindowOver.TrySetResult();
            Assert.False(early, "PUBREC was sent before the application acknowledged");
            await c.ReceiveAtLeastAsync(connect + 4, Wait);
            received.TrySetResult([.. c.Received.Skip(connect).Take(4)]);
            await c.WaitForCloseAsync(Wait);
        });
        await using var client = new MqttClient(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311).WithClientId("qos2-manual").Build());
        var collector = new MessageCollector(client, autoAcknowledge: false);
        await client.ConnectAsync();
        await collector.WaitForAsync(1);
        await quietWindowOver.Task.WaitAsync(Wait); // the broker saw nothing for 300 ms
        collector.All[0].Acknowledge();

        Assert.Equal([0x50, 0x02, 0x00, 0x05], await received.Task.WaitAsync(Wait));
        Assert.Empty(broker.ScriptErrors);
    }
}
