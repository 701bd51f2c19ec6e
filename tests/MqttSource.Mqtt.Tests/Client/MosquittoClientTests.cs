using System.Text;
using MqttSource.Mqtt.Client;
using MqttSource.Mqtt.Options;
using MqttSource.Testing;
using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Mqtt.Tests.Client;

/// <summary>The client against a real Mosquitto started per test on a free loopback port.</summary>
public sealed class MosquittoClientTests
{
    private static MqttClientOptionsBuilder Options(MosquittoBroker broker, MqttProtocolVersion version, string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer(broker.Host, broker.Port)
        .WithProtocolVersion(version)
        .WithClientId(clientId)
        .WithReconnectDelay(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500))
        .WithTimeout(TimeSpan.FromSeconds(10));

    private static MqttApplicationMessage Message(string topic, string payload, MqttQualityOfServiceLevel qos, bool retain = false) => new()
    {
        Topic = topic,
        Payload = Encoding.UTF8.GetBytes(payload),
        QualityOfServiceLevel = qos,
        Retain = retain,
    };

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task PublishAndReceive_EachQos_RoundTripsThroughTheBroker(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = new MqttClient(Options(broker, version, "sub").Build());
        var received = new MessageCollector(sub);
        var connected = await sub.ConnectAsync();
        Assert.False(connected.SessionPresent);
        var granted = await sub.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("t/#", MqttQualityOfServiceLevel.ExactlyOnce).Build());
        Assert.Equal(MqttReasonCode.GrantedQoS2, Assert.Single(granted.Items).ReasonCode);

        await using var pub = new MqttClient(Options(broker, version, "pub").Build());
        await pub.ConnectAsync();
        foreach (var qos in new[] { MqttQualityOfServiceLevel.AtMostOnce, MqttQualityOfServiceLevel.AtLeastOnce, MqttQualityOfServiceLevel.ExactlyOnce })
        {
            var result = await pub.PublishAsync(Message($"t/{(int)qos}", $"hello {qos}", qos));
            Assert.True(result.IsSuccess, result.ToString());
        }

        await received.WaitForAsync(3);
        var byTopic = received.All.ToDictionary(e => e.ApplicationMessage.Topic, e => e.ApplicationMessage);
        Assert.Equal(MqttQualityOfServiceLevel.AtMostOnce, byTopic["t/0"].QualityOfServiceLevel);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, byTopic["t/1"].QualityOfServiceLevel);
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, byTopic["t/2"].QualityOfServiceLevel);
        Assert.Equal("hello ExactlyOnce", Encoding.UTF8.GetString(byTopic["t/2"].Payload.Span));
        await Eventually.WaitUntilAsync(() => sub.PendingAcknowledgements == 0, TimeSpan.FromSeconds(5), "acks sent");
    }

    [Fact]
    public async Task Receive_V5Properties_ArriveFromMosquittoPub()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var sub = new MqttClient(Options(broker, MqttProtocolVersion.V500, "sub").Build());
        var received = new MessageCollector(sub);
        await sub.ConnectAsync();
        await sub.SubscribeAsync("sensors/+/temperature");

        var result = await MosquittoClients.PublishAsync(
            broker.ClientOptions() with
            {
                ProtocolVersion = MosquittoProtocolVersion.V5,
                Qos = 1,
                ContentType = "application/json",
                UserProperties = [new("site", "berlin"), new("site", "b2")],
            },
            "sensors/dev1/temperature",
            "{\"c\":21.5}");
        Assert.True(result.Succeeded, result.ToString());

        await received.WaitForAsync(1);
        var m = received.All[0].ApplicationMessage;
        Assert.Equal("sensors/dev1/temperature", m.Topic);
        Assert.Equal("application/json", m.ContentType);
        Assert.Equal([new MqttUserProperty("site", "berlin"), new MqttUserProperty("site", "b2")], m.UserProperties!);
    }

    [Fact]
    public async Task Connect_WrongPassword_IsRefusedWithAClearError()
    {
        var options = new MosquittoOptions();
        options.Users["device"] = "s3cret";
        await using var broker = await MosquittoBroker.StartAsync(options);

        await using var good = new MqttClient(Options(broker, MqttProtocolVersion.V500, "good").WithCredentials("device", "s3cret").Build());
        await good.ConnectAsync();
        Assert.True(good.IsConnected);

        foreach (var version in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
        {
            await using var bad = new MqttClient(Options(broker, version, "bad").WithCredentials("device", "wrong").Build());
            var ex = await Assert.ThrowsAsync<MqttConnectingFailedException>(() => bad.ConnectAsync());
            Assert.True(ex.ReasonCode is MqttReasonCode.BadUserNameOrPassword or MqttReasonCode.NotAuthorized, ex.Message);
            Assert.Contains("MQTT connection refused", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Connect_Tls_TrustsTheConfiguredCaOnlyAndChecksTheHostName()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });
        MqttClientOptionsBuilder Tls(Action<MqttSource.Mqtt.Options.MqttClientTlsOptions> configure) => new MqttClientOptionsBuilder()
            .WithTcpServer("localhost", broker.TlsPort).WithClientId("tls").WithTlsOptions(configure);

        await using (var ok = new MqttClient(Tls(t => t.TrustedCertificateAuthorities.Add(broker.CaCertificate)).Build()))
        {
            await ok.ConnectAsync();
            await ok.SubscribeAsync("x");
            await ok.PublishAsync(Message("x", "secure", MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await using (var wrongCa = new MqttClient(Tls(t => t.TrustedCertificateAuthorities.Add(broker.UntrustedCaCertificate)).Build()))
        {
            var ex = await Assert.ThrowsAsync<MqttCommunicationException>(() => wrongCa.ConnectAsync());
            Assert.Contains("TLS handshake", ex.Message, StringComparison.Ordinal);
        }

        await using (var wrongName = new MqttClient(Tls(t =>
        {
            t.TrustedCertificateAuthorities.Add(broker.CaCertificate);
            t.TargetHost = "not-the-broker.example";
        }).Build()))
        {
            await Assert.ThrowsAsync<MqttCommunicationException>(() => wrongName.ConnectAsync());
        }
    }

    [Fact]
    public async Task Connect_MutualTls_NeedsTheClientCertificate()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { RequireCertificate = true });
        MqttClientOptionsBuilder Tls() => new MqttClientOptionsBuilder().WithTcpServer("localhost", broker.TlsPort).WithClientId("mtls")
            .WithTlsOptions(t => t.TrustedCertificateAuthorities.Add(broker.CaCertificate));

        await using (var withCert = new MqttClient(Tls().WithTlsOptions(t => t.ClientCertificate = broker.ClientCertificate).Build()))
        {
            await withCert.ConnectAsync();
            Assert.True(withCert.IsConnected);
        }

        await using var without = new MqttClient(Tls().Build());
        await Assert.ThrowsAnyAsync<MqttCommunicationException>(async () =>
        {
            await without.ConnectAsync();
            await without.SubscribeAsync("x"); // some TLS stacks only fail at the first read
        });
    }

    [Fact]
    public async Task Subscribe_SharedSubscription_SplitsMessagesBetweenMembers()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var a = new MqttClient(Options(broker, MqttProtocolVersion.V500, "a").Build());
        await using var b = new MqttClient(Options(broker, MqttProtocolVersion.V500, "b").Build());
        var ra = new MessageCollector(a);
        var rb = new MessageCollector(b);
        foreach (var c in new[] { a, b })
        {
            await c.ConnectAsync();
            await c.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithSharedTopicFilter("g", "jobs/#").Build());
        }

        await using var pub = new MqttClient(Options(broker, MqttProtocolVersion.V500, "pub").Build());
        await pub.ConnectAsync();
        for (var i = 0; i < 100; i++)
        {
            await pub.PublishAsync(Message($"jobs/{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await Eventually.WaitUntilAsync(() => ra.Count + rb.Count >= 100, TimeSpan.FromSeconds(20), "100 shared messages");
        Assert.Equal(100, ra.Payloads.Concat(rb.Payloads).Distinct().Count());
        Assert.True(ra.Count > 0 && rb.Count > 0, $"a={ra.Count} b={rb.Count}");
    }

    [Fact]
    public async Task PersistentSession_MessagesPublishedWhileOffline_ArriveAfterReconnect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = Options(broker, MqttProtocolVersion.V500, "persistent").WithPersistentSession(TimeSpan.FromHours(1)).Build();
        await using (var first = new MqttClient(options))
        {
            Assert.False((await first.ConnectAsync()).SessionPresent);
            await first.SubscribeAsync("offline/#");
            await first.DisconnectAsync();
        }

        await using var pub = new MqttClient(Options(broker, MqttProtocolVersion.V311, "pub").Build());
        await pub.ConnectAsync();
        for (var i = 0; i < 10; i++)
        {
            await pub.PublishAsync(Message("offline/x", $"m{i}", MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await using var again = new MqttClient(options);
        var received = new MessageCollector(again);
        Assert.True((await again.ConnectAsync()).SessionPresent);
        await received.WaitForAsync(10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}"), received.Payloads);
    }

    [Fact]
    public async Task Reconnect_UnacknowledgedMessages_AreRedeliveredWithDup()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = Options(broker, MqttProtocolVersion.V500, "redeliver").WithPersistentSession(TimeSpan.FromHours(1)).Build();
        await using var client = new MqttClient(options);
        var received = new MessageCollector(client, autoAcknowledge: false);
        await client.StartAsync();
        await client.SubscribeAsync("r/#");
        await client.WaitUntilConnectedAsync();
        await Eventually.WaitUntilAsync(() => client.IsConnected, TimeSpan.FromSeconds(10), "subscribed");

        await using var pub = new MqttClient(Options(broker, MqttProtocolVersion.V500, "pub").Build());
        await pub.ConnectAsync();
        for (var i = 0; i < 5; i++)
        {
            await pub.PublishAsync(Message("r/x", $"m{i}", MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await received.WaitForAsync(5);
        Assert.All(received.All, e => Assert.False(e.ApplicationMessage.Dup));
        received.Clear();
        client.AbortConnection("test: simulated network failure");

        await received.WaitForAsync(5);
        Assert.All(received.All, e => Assert.True(e.ApplicationMessage.Dup));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"m{i}"), received.Payloads);
        foreach (var e in received.All)
        {
            e.Acknowledge();
        }

        await Eventually.WaitUntilAsync(() => client.PendingAcknowledgements == 0, TimeSpan.FromSeconds(5), "acks sent");
        Assert.True(client.ReconnectCount >= 1);
    }

    [Fact]
    public async Task Reconnect_CleanSession_ResubscribesByItself()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var client = new MqttClient(Options(broker, MqttProtocolVersion.V311, "clean").Build());
        var received = new MessageCollector(client);
        var connects = 0;
        client.ConnectedAsync += _ =>
        {
            Interlocked.Increment(ref connects);
            return Task.CompletedTask;
        };
        await client.StartAsync();
        await client.WaitUntilConnectedAsync();
        await client.SubscribeAsync("c/#");
        client.AbortConnection();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref connects) >= 2 && client.IsConnected, TimeSpan.FromSeconds(10), "reconnected");

        await using var pub = new MqttClient(Options(broker, MqttProtocolVersion.V311, "pub").Build());
        await pub.ConnectAsync();
        await pub.PublishAsync(Message("c/1", "after", MqttQualityOfServiceLevel.AtLeastOnce));
        await received.WaitForAsync(1);
    }

    [Fact]
    public async Task BrokerRestart_WithPersistence_ClientReconnectsAndLosesNoQos1Message()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Persistence = true });
        var options = Options(broker, MqttProtocolVersion.V500, "survivor").WithPersistentSession(TimeSpan.FromHours(1)).Build();
        await using var client = new MqttClient(options);
        var received = new MessageCollector(client);
        await client.StartAsync();
        await client.SubscribeAsync("p/#");
        await client.WaitUntilConnectedAsync();
        await Eventually.WaitUntilAsync(() => client.IsConnected, TimeSpan.FromSeconds(10), "connected");

        await PublishRangeAsync(broker, 0, 50);
        await received.WaitForAsync(50);
        await broker.RestartAsync();
        await PublishRangeAsync(broker, 50, 100);

        await received.WaitForAsync(100, seconds: 30);
        Assert.Equal(100, received.Payloads.Distinct().Count());
        Assert.True(client.ReconnectCount >= 1);
    }

    [Fact]
    public async Task Burst_100kQos1Messages_NoLoss()
    {
        const int count = 100_000;
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { MaxQueuedMessages = 0, MaxInflightMessages = 1000 });
        await using var sub = new MqttClient(Options(broker, MqttProtocolVersion.V500, "burst-sub").WithReceiveMaximum(1000).Build());
        var seen = new bool[count];
        var distinct = 0;
        sub.ApplicationMessageReceivedAsync += e =>
        {
            var n = int.Parse(Encoding.ASCII.GetString(e.ApplicationMessage.Payload.Span), System.Globalization.CultureInfo.InvariantCulture);
            if (!seen[n])
            {
                seen[n] = true;
                distinct++;
            }

            return Task.CompletedTask;
        };
        await sub.ConnectAsync();
        await sub.SubscribeAsync("burst");

        await using var pub = new MqttClient(Options(broker, MqttProtocolVersion.V500, "burst-pub").WithMaximumOutgoingInflight(1000).Build());
        await pub.ConnectAsync();
        var pending = new List<Task<MqttClientPublishResult>>(count);
        for (var i = 0; i < count; i++)
        {
            pending.Add(pub.PublishAsync(Message("burst", i.ToString(System.Globalization.CultureInfo.InvariantCulture), MqttQualityOfServiceLevel.AtLeastOnce)));
        }

        // A proof of no loss, not of speed: generous bounds for a busy machine (it takes about 2 s on a quiet one).
        var results = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(240));
        Assert.All(results, r => Assert.True(r.IsSuccess));
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref distinct) == count, TimeSpan.FromSeconds(240), $"all {count} messages (got {Volatile.Read(ref distinct)})");
    }

    [Fact]
    public async Task ManualAck_CompletedInReverseOrder_PubAcksReachTheBrokerInArrivalOrder()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var client = new MqttClient(Options(broker, MqttProtocolVersion.V500, "reverse").Build());
        var received = new MessageCollector(client, autoAcknowledge: false);
        await client.ConnectAsync();
        await client.SubscribeAsync("o/#");
        await PublishRangeAsync(broker, 0, 10, "o/x");
        await received.WaitForAsync(10);
        var ids = received.All.Select(e => e.PacketIdentifier).ToList();

        foreach (var e in Enumerable.Reverse(received.All))
        {
            e.Acknowledge();
        }

        await Eventually.WaitUntilAsync(() => PubAcksInLog(broker, "reverse").Count >= 10, TimeSpan.FromSeconds(10), "10 PUBACKs in the broker log");
        Assert.Equal(ids, PubAcksInLog(broker, "reverse"));
    }

    private static List<ushort> PubAcksInLog(MosquittoBroker broker, string clientId)
    {
        var marker = $"Received PUBACK from {clientId} (Mid: ";
        return [.. broker.Log.Split('\n')
            .Where(l => l.Contains(marker, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..])
            .Select(rest => ushort.Parse(rest[..rest.IndexOfAny([',', ')'])], System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static async Task PublishRangeAsync(MosquittoBroker broker, int from, int to, string topic = "p/x")
    {
        await using var pub = new MqttClient(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId($"pub-{from}").Build());
        await pub.ConnectAsync();
        for (var i = from; i < to; i++)
        {
            await pub.PublishAsync(Message(topic, $"m{i}", MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await pub.DisconnectAsync();
    }
}
