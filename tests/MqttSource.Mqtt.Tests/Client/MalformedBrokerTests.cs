using System.Collections.Concurrent;
using MqttSource.Mqtt.Client;
using MqttSource.Mqtt.Options;
using MqttSource.Testing.FakeBroker;
using Xunit;

namespace MqttSource.Mqtt.Tests.Client;

/// <summary>A hostile broker plays malformed packets: the client must close the connection with a protocol error and reconnect.</summary>
public sealed class MalformedBrokerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly byte[] ConnAckV311 = [0x20, 0x02, 0x00, 0x00];
    private static readonly byte[] ConnAckV5 = [0x20, 0x03, 0x00, 0x00, 0x00];

    public static TheoryData<string, MqttProtocolVersion, byte[]> MalformedPackets => new()
    {
        { "5-byte remaining length", MqttProtocolVersion.V311, [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] },
        { "QoS 3", MqttProtocolVersion.V311, [0x36, 0x05, 0x00, 0x01, (byte)'a', 0x00, 0x01] },
        { "topic length past the end", MqttProtocolVersion.V311, [0x30, 0x04, 0x00, 0x09, (byte)'a', (byte)'b'] },
        { "PUBREL with reserved flags 0", MqttProtocolVersion.V311, [0x60, 0x02, 0x00, 0x01] },
        { "packet type 0", MqttProtocolVersion.V311, [0x00, 0x00] },
        { "invalid UTF-8 topic", MqttProtocolVersion.V311, [0x30, 0x05, 0x00, 0x02, 0xC3, 0x28, (byte)'x'] },
        { "U+0000 in topic", MqttProtocolVersion.V311, [0x30, 0x05, 0x00, 0x02, (byte)'a', 0x00, (byte)'x'] },
        { "wildcard in topic", MqttProtocolVersion.V311, [0x30, 0x05, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'#'] },
        { "QoS 1 packet id 0", MqttProtocolVersion.V311, [0x32, 0x06, 0x00, 0x01, (byte)'a', 0x00, 0x00, (byte)'x'] },
        { "packet over maximum size (MQTT 5)", MqttProtocolVersion.V500, [0x30, 0x80, 0x80, 0x40] },
        { "non-PUBLISH packet over maximum size", MqttProtocolVersion.V311, [0x90, 0x80, 0x80, 0x40] },
        { "duplicate v5 property", MqttProtocolVersion.V500, [0x30, 0x08, 0x00, 0x01, (byte)'a', 0x04, 0x01, 0x01, 0x01, 0x01] },
        { "v5 property length past the end", MqttProtocolVersion.V500, [0x30, 0x05, 0x00, 0x01, (byte)'a', 0x7F, 0x01] },
        { "unknown topic alias", MqttProtocolVersion.V500, [0x30, 0x06, 0x00, 0x00, 0x03, 0x23, 0x00, 0x05] },
    };

    [Theory]
    [MemberData(nameof(MalformedPackets))]
    public async Task Receive_MalformedPacket_ClosesWithProtocolErrorAndReconnects(string name, MqttProtocolVersion version, byte[] packet)
    {
        var firstClosed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            await c.SendAsync(version == MqttProtocolVersion.V500 ? ConnAckV5 : ConnAckV311);
            if (c.Index == 1)
            {
                await c.SendAsync(packet);
                firstClosed.TrySetResult(await c.WaitForCloseAsync(Wait));
            }
            else
            {
                reconnected.TrySetResult();
                await c.WaitForCloseAsync(Wait);
            }
        });
        var reasons = new ConcurrentQueue<MqttClientDisconnectedEventArgs>();
        await using var client = NewClient(broker.Port, version);
        client.DisconnectedAsync += e =>
        {
            reasons.Enqueue(e);
            return Task.CompletedTask;
        };

        await client.StartAsync();

        Assert.True(await firstClosed.Task.WaitAsync(Wait), $"{name}: the client did not close the connection");
        await reconnected.Task.WaitAsync(Wait);
        var first = Assert.Single(reasons, r => r.ClientWasConnected);
        Assert.Contains("Protocol violation", first.Reason, StringComparison.Ordinal);
        Assert.IsType<MqttProtocolViolationException>(first.Exception);
        Assert.Empty(broker.ScriptErrors);
    }

    [Fact]
    public async Task Receive_PacketOverMaximumSize_V5SendsDisconnectPacketTooLarge()
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            var connectLength = c.Received.Count;
            await c.SendAsync(ConnAckV5);
            await c.SendAsync(0x30, 0xFF, 0xFF, 0x7F);
            await c.WaitForCloseAsync(Wait);
            received.TrySetResult([.. c.Received.Skip(connectLength)]);
        });
        await using var client = NewClient(broker.Port, MqttProtocolVersion.V500);
        await client.ConnectAsync();

        var after = await received.Task.WaitAsync(Wait);
        Assert.Equal(0xE0, after[0]);
        Assert.Contains((byte)0x95, after);
    }

    [Fact]
    public async Task Receive_V311PublishOverMaximumSize_IsSkippedAcknowledgedInOrderAndCounted()
    {
        // QoS 1 PUBLISH id 9 of 70,000 bytes (over the client's 64 KiB), then a small QoS 1 PUBLISH id 10.
        var big = new byte[4 + 70_000];
        big[0] = 0x32;
        var remaining = 70_000;
        big[1] = (byte)((remaining & 0x7F) | 0x80);
        big[2] = (byte)(((remaining >> 7) & 0x7F) | 0x80);
        big[3] = (byte)(remaining >> 14);
        byte[] variable = [0x00, 0x03, (byte)'b', (byte)'/', (byte)'x', 0x00, 0x09];
        variable.CopyTo(big, 4);
        byte[] small = [0x32, 0x08, 0x00, 0x03, (byte)'s', (byte)'/', (byte)'x', 0x00, 0x0A, (byte)'!'];
        var acks = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            var connect = c.Received.Count;
            await c.SendAsync(ConnAckV311);
            await c.SendAsync(big);
            await c.SendAsync(small);
            await c.ReceiveAtLeastAsync(connect + 8, Wait);
            acks.TrySetResult([.. c.Received.Skip(connect).Take(8)]);
            await c.WaitForCloseAsync(Wait);
        });
        var messages = new ConcurrentQueue<MqttApplicationMessage>();
        await using var client = NewClient(broker.Port, MqttProtocolVersion.V311);
        client.ApplicationMessageReceivedAsync += e =>
        {
            messages.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        await client.ConnectAsync();

        Assert.Equal([0x40, 0x02, 0x00, 0x09, 0x40, 0x02, 0x00, 0x0A], await acks.Task.WaitAsync(Wait));
        Assert.Equal("s/x", Assert.Single(messages).Topic);
        Assert.Equal(1, client.OversizedMessagesDropped);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Receive_ValidPublishOneByteAtATime_IsDelivered()
    {
        byte[] publish = [0x32, 0x09, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x07, (byte)'h', (byte)'i'];
        var acked = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            var connectLength = c.Received.Count;
            await c.SendSlowlyAsync(ConnAckV311);
            await c.SendSlowlyAsync(publish);
            await c.ReceiveAtLeastAsync(connectLength + 4, Wait);
            acked.TrySetResult([.. c.Received.Skip(connectLength)]);
        });
        var messages = new ConcurrentQueue<MqttApplicationMessage>();
        await using var client = NewClient(broker.Port, MqttProtocolVersion.V311);
        client.ApplicationMessageReceivedAsync += e =>
        {
            messages.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        await client.ConnectAsync();

        Assert.Equal([0x40, 0x02, 0x00, 0x07], await acked.Task.WaitAsync(Wait));
        var m = Assert.Single(messages);
        Assert.Equal("a/b", m.Topic);
        Assert.Equal("hi"u8.ToArray(), m.Payload.ToArray());
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, m.QualityOfServiceLevel);
    }

    [Fact]
    public async Task Receive_UnexpectedAcks_AreIgnoredAndTheConnectionStays()
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            await c.SendAsync(ConnAckV311);
            await c.SendAsync(0x40, 0x02, 0x12, 0x34, 0x50, 0x02, 0x00, 0x09, 0x70, 0x02, 0x00, 0x03, 0x90, 0x03, 0x00, 0x05, 0x00, 0xB0, 0x02, 0x00, 0x06, 0xD0, 0x00);
            done.TrySetResult(await c.WaitForCloseAsync(TimeSpan.FromMilliseconds(500)));
            await c.WaitForCloseAsync(Wait);
        });
        await using var client = NewClient(broker.Port, MqttProtocolVersion.V311);
        string? why = null;
        client.DisconnectedAsync += e =>
        {
            why = e.Reason;
            return Task.CompletedTask;
        };
        await client.ConnectAsync();

        Assert.False(await done.Task.WaitAsync(Wait), "the client closed the connection on unexpected acks: " + why);
        Assert.True(client.IsConnected, why);
    }

    [Fact]
    public async Task Receive_TruncatedPacketThenClose_ReportsConnectionLostAndReconnects()
    {
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            await c.SendAsync(ConnAckV311);
            if (c.Index == 1)
            {
                await c.SendAsync(0x30, 0x10, 0x00, 0x03, (byte)'a');
                c.Close();
            }
            else
            {
                reconnected.TrySetResult();
                await c.WaitForCloseAsync(Wait);
            }
        });
        await using var client = NewClient(broker.Port, MqttProtocolVersion.V311);
        await client.StartAsync();
        await reconnected.Task.WaitAsync(Wait);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, new byte[] { 0x20, 0x02, 0x00, 0x04 }, MqttReasonCode.BadUserNameOrPassword, "bad user name or password")]
    [InlineData(MqttProtocolVersion.V311, new byte[] { 0x20, 0x02, 0x00, 0x05 }, MqttReasonCode.NotAuthorized, "not authorized")]
    [InlineData(MqttProtocolVersion.V311, new byte[] { 0x20, 0x02, 0x00, 0x02 }, MqttReasonCode.ClientIdentifierNotValid, "client identifier")]
    [InlineData(MqttProtocolVersion.V500, new byte[] { 0x20, 0x03, 0x00, 0x8A, 0x00 }, MqttReasonCode.Banned, "banned")]
    [InlineData(MqttProtocolVersion.V500, new byte[] { 0x20, 0x03, 0x00, 0x84, 0x00 }, MqttReasonCode.UnsupportedProtocolVersion, "protocol version")]
    public async Task Connect_Refused_ThrowsClearError(MqttProtocolVersion version, byte[] connAck, MqttReasonCode code, string text)
    {
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            await c.SendAsync(connAck);
            await c.WaitForCloseAsync(Wait);
        });
        await using var client = NewClient(broker.Port, version);

        var ex = await Assert.ThrowsAsync<MqttConnectingFailedException>(() => client.ConnectAsync());
        Assert.Equal(code, ex.ReasonCode);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Connect_BrokerNeverAnswers_TimesOut()
    {
        await using var broker = new ScriptedMqttBroker(c => c.WaitForCloseAsync(Wait));
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithTimeout(TimeSpan.FromMilliseconds(300)).Build();
        await using var client = new MqttClient(options);
        var ex = await Assert.ThrowsAsync<MqttCommunicationException>(() => client.ConnectAsync());
        Assert.Contains("No CONNACK", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepAlive_BrokerStopsAnswering_ClientDeclaresConnectionDead()
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            await c.SendAsync(ConnAckV311);
            closed.TrySetResult(await c.WaitForCloseAsync(Wait));
        });
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(1)).WithKeepAliveTimeout(TimeSpan.FromMilliseconds(500)).Build();
        await using var client = new MqttClient(options);
        var reason = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            reason.TrySetResult(e);
            return Task.CompletedTask;
        };
        await client.ConnectAsync();

        Assert.True(await closed.Task.WaitAsync(Wait));
        var r = await reason.Task.WaitAsync(Wait);
        Assert.Equal(MqttReasonCode.KeepAliveTimeout, r.ReasonCode);
    }

    private static MqttClient NewClient(int port, MqttProtocolVersion version) => new(new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port)
        .WithProtocolVersion(version)
        .WithClientId("hostile-test")
        .WithMaximumPacketSize(64 * 1024)
        .WithReconnectDelay(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100))
        .WithTimeout(TimeSpan.FromSeconds(5))
        .Build());
}
