using System.Net;
using System.Net.Sockets;
using System.Text;
using MqttSource.Mqtt.Client;
using MqttSource.Mqtt.Options;
using MqttSource.Testing;
using MqttSource.Testing.FakeBroker;
using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Mqtt.Tests.Client;

/// <summary>
/// Issue 10, transport guards: while the application holds messages back (a sink outage), the client keeps reading —
/// SUBACK, PINGRESP and reconnects are never held up behind PUBLISHes, a half-open connection is still found by keep
/// alive, the wait is bounded, and a connect to a host that drops SYNs times out.
/// </summary>
public sealed class BackpressureTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);
    private static readonly byte[] s_connAckV311 = [0x20, 0x02, 0x00, 0x00];

    // PUBLISH QoS 1, topic "t", packet id 1, payload "x".
    private static readonly byte[] s_publishQos1 = [0x32, 0x06, 0x00, 0x01, (byte)'t', 0x00, 0x01, (byte)'x'];

    private static MqttClientOptionsBuilder Options(MosquittoBroker broker, string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer(broker.Host, broker.Port)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId(clientId)
        .WithPersistentSession(TimeSpan.FromHours(1))
        .WithReceiveMaximum(2)
        .WithReconnectDelay(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500))
        .WithTimeout(TimeSpan.FromSeconds(10));

    private static async Task PublishAsync(MosquittoBroker broker, int count, string topic = "t/a", int qos = 1)
    {
        var lines = Enumerable.Range(1, count).Select(i => "m" + i);
        var result = await MosquittoClients.PublishLinesAsync(broker.ClientOptions() with { Qos = qos }, topic, lines);
        Assert.True(result.Succeeded, result.ToString());
    }

    /// <summary>A handler that holds every message until <paramref name="gate"/> opens, counting arrivals.</summary>
    private static Func<int> Block(MqttClient client, Task gate)
    {
        var arrived = 0;
        client.ApplicationMessageReceivedAsync += async e =>
        {
            Interlocked.Increment(ref arrived);
            await gate;
        };
        return () => Volatile.Read(ref arrived);
    }

    [Fact]
    public async Task Subscribe_HandlerHoldingMessages_SubAckStillRead()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var client = new MqttClient(Options(broker, "hold-sub").Build());
        var gate = new TaskCompletionSource();
        var arrived = Block(client, gate.Task);
        await client.ConnectAsync();
        await client.SubscribeAsync("t/#");
        await PublishAsync(broker, 5);
        await Eventually.WaitUntilAsync(() => arrived() == 1, s_wait, "the handler holds the first message");

        var granted = await client.SubscribeAsync("other/#").WaitAsync(s_wait);

        Assert.Equal(MqttReasonCode.GrantedQoS1, Assert.Single(granted.Items).ReasonCode);
        Assert.Equal(2, client.PendingAcknowledgements); // Receive Maximum 2: the broker holds the rest
        gate.SetResult();
        await Eventually.WaitUntilAsync(() => arrived() == 5, s_wait, "the rest arrives once the handler lets go");
    }

    [Fact]
    public async Task Reconnect_BrokerRestartsWhileHandlerHoldsMessages_ReconnectsAndResubscribes()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Persistence = true });
        await using var client = new MqttClient(Options(broker, "hold-restart").Build());
        var gate = new TaskCompletionSource();
        var arrived = Block(client, gate.Task);
        var connections = 0;
        var allGranted = true;
        client.ConnectedAsync += e =>
        {
            Interlocked.Increment(ref connections);
            allGranted &= e.SubscribeResults.SelectMany(r => r.Items).All(i => (byte)i.ReasonCode < 0x80);
            return Task.CompletedTask;
        };
        await client.SubscribeAsync("t/#");
        await client.StartAsync();
        await client.WaitUntilConnectedAsync().WaitAsync(s_wait);
        await PublishAsync(broker, 5);
        await Eventually.WaitUntilAsync(() => arrived() == 1, s_wait, "the handler holds the first message");

        await broker.RestartAsync();

        await Eventually.WaitUntilAsync(() => Volatile.Read(ref connections) >= 2 && client.IsConnected, s_wait, "reconnected and resubscribed while the handler still holds a message");
        Assert.True(allGranted);
        gate.SetResult();
        await Eventually.WaitUntilAsync(() => arrived() >= 5, s_wait, "every message arrives after the restart");
    }

    [Fact]
    public async Task KeepAlive_HandlerHoldsAMessageAndTheBrokerGoesSilent_ConnectionDeclaredDead()
    {
        await using var broker = new ScriptedMqttBroker(async c =>
        {
            await c.ReceiveConnectAsync();
            await c.SendAsync(s_connAckV311);
            await c.SendAsync(s_publishQos1);
            await c.WaitForCloseAsync(s_wait); // never answers a PINGREQ: half-open
        });
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId("silent").WithKeepAlivePeriod(TimeSpan.FromSeconds(2)).Build();
        await using var client = new MqttClient(options);
        var gate = new TaskCompletionSource();
        var arrived = Block(client, gate.Task);
        var reason = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            reason.TrySetResult(e);
            return Task.CompletedTask;
        };
        await client.ConnectAsync();
        await Eventually.WaitUntilAsync(() => arrived() == 1, s_wait, "the handler holds the message");

        var r = await reason.Task.WaitAsync(s_wait);

        Assert.Equal(MqttReasonCode.KeepAliveTimeout, r.ReasonCode);
        gate.SetResult();
    }

    [Fact]
    public async Task Subscribe_BrokerFloodsPastTheBudget_SubAckFoundByLookingAhead()
    {
        // MQTT 3.1.1 with a broker window of 1000: far more than the 4 KiB budget holds waits for the handler.
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { MaxInflightMessages = 1000 });
        await using var client = new MqttClient(Options(broker, "flood").WithProtocolVersion(MqttProtocolVersion.V311).WithInboundBufferSize(4096).Build());
        var gate = new TaskCompletionSource();
        var arrived = Block(client, gate.Task);
        await client.ConnectAsync();
        await client.SubscribeAsync("t/#");
        await PublishAsync(broker, 100);
        await Eventually.WaitUntilAsync(() => client.PendingMessages >= 10, s_wait, "the budget is full");
        // The SUBACK comes after the whole flood (all published before the SUBSCRIBE): only looking ahead finds it.

        var granted = await client.SubscribeAsync("other/#").WaitAsync(s_wait);

        Assert.Equal(MqttReasonCode.GrantedQoS1, Assert.Single(granted.Items).ReasonCode);
        Assert.InRange(client.PendingMessages, 1, 20); // the budget, not the flood, bounds what waits decoded
        gate.SetResult();
        await Eventually.WaitUntilAsync(() => arrived() == 100, s_wait, "every message handed over, none lost");
    }

    [Fact]
    public async Task Receive_ReadAheadLimitReached_ReadingPausesAndNothingIsLost()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = Options(broker, "pause").WithInboundBufferSize(1024).WithReadAheadSize(1024).WithTimeout(TimeSpan.FromSeconds(1)).Build();
        await using var client = new MqttClient(options);
        var gate = new TaskCompletionSource();
        var arrived = Block(client, gate.Task);
        await client.ConnectAsync();
        await client.SubscribeAsync("t/#", MqttQualityOfServiceLevel.AtMostOnce);
        await PublishAsync(broker, 500, qos: 0);
        await Eventually.WaitUntilAsync(() => arrived() == 1, s_wait, "the handler holds the first message");

        // The SUBACK is stuck behind QoS 0 messages the client no longer reads: its timeout must not fire meanwhile.
        var subscribing = client.SubscribeAsync("other/#");
        await Task.WhenAny(subscribing, Task.Delay(TimeSpan.FromSeconds(3)));
        Assert.False(subscribing.IsFaulted, subscribing.Exception?.ToString());
        gate.SetResult();

        await subscribing.WaitAsync(s_wait);
        await Eventually.WaitUntilAsync(() => arrived() == 500, s_wait, "all 500 QoS 0 messages handed over");
        Assert.True(client.IsConnected);
        Assert.Equal(0, client.ReconnectCount);
    }

    [Fact]
    public async Task Receive_HandlerThrows_ConnectionRecycledAndTheMessageRedelivered()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var client = new MqttClient(Options(broker, "throws").Build());
        var seen = new List<(string Payload, bool Dup)>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload.Span);
            lock (seen)
            {
                seen.Add((payload, e.ApplicationMessage.Dup));
                if (payload == "m1" && seen.Count == 1)
                {
                    throw new InvalidOperationException("the application has a bug");
                }
            }

            return Task.CompletedTask;
        };
        await client.SubscribeAsync("t/#");
        await client.StartAsync();
        await client.WaitUntilConnectedAsync().WaitAsync(s_wait);

        await PublishAsync(broker, 3);

        await Eventually.WaitUntilAsync(() => { lock (seen) { return seen.Count(s => s.Payload == "m1") == 2 && seen.Any(s => s.Payload == "m3"); } }, s_wait, "m1 redelivered after the failure");
        Assert.Equal(1, client.HandlerFailures);
        Assert.True(client.ReconnectCount >= 1);
        lock (seen)
        {
            Assert.Contains(("m1", true), seen);
        }
    }

    [Fact]
    public async Task OldestPendingMessageAge_MessageNotAcknowledged_GrowsAndClearsOnAck()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var client = new MqttClient(Options(broker, "age").Build());
        var received = new MessageCollector(client, autoAcknowledge: false);
        await client.ConnectAsync();
        await client.SubscribeAsync("t/#");
        Assert.Null(client.OldestPendingMessageAge);

        await PublishAsync(broker, 1);
        await received.WaitForAsync(1);
        await Eventually.WaitUntilAsync(() => client.OldestPendingMessageAge > TimeSpan.FromMilliseconds(200), s_wait, "the un-acknowledged message ages");

        received.All[0].Acknowledge();
        Assert.Null(client.OldestPendingMessageAge);
    }

    [Fact]
    public async Task Connect_HostDropsSyns_TimesOutWithAClearMessage()
    {
        using var blackhole = new SynDroppingListener();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", blackhole.Port).WithClientId("blackhole").WithTimeout(TimeSpan.FromSeconds(1)).Build();
        await using var client = new MqttClient(options);

        var ex = await Assert.ThrowsAsync<MqttCommunicationException>(() => client.ConnectAsync().WaitAsync(s_wait));

        Assert.Contains("TCP connect to 127.0.0.1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A listener that never accepts, with its backlog filled, so that further SYNs are dropped (connects hang).</summary>
    private sealed class SynDroppingListener : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly List<Socket> _fillers = [];

        public SynDroppingListener()
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(0);
            Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
            for (var i = 0; i < 16; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _fillers.Add(filler);
                var connect = filler.ConnectAsync(IPAddress.Loopback, Port);
                if (!connect.Wait(TimeSpan.FromMilliseconds(300)))
                {
                    return; // the backlog is full: this SYN was dropped
                }
            }

            throw new InvalidOperationException("could not fill the listen backlog");
        }

        public int Port { get; }

        public void Dispose()
        {
            foreach (var filler in _fillers)
            {
                filler.Dispose();
            }

            _listener.Dispose();
        }
    }
}
