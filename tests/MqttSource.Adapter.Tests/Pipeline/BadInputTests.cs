using System.Text;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing;
using MqttSource.Testing.Mosquitto;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Pipeline;

/// <summary>Hostile or broken input never stops the stream: the next message is delivered.</summary>
public sealed class BadInputTests : BrokerAndSinkTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private Task<TestAdapter> StartAdapterAsync(params string[] extra) => StartAdapterOnAsync(null, "bad", null, extra);

    /// <summary>An adapter from an MqttSource YAML with <c>event.idFrom</c> (there is no quick flag for it).</summary>
    private async Task<TestAdapter> StartFromConfigAsync(string idFrom, int parallelism, LoopbackSink? deadLetter)
    {
        var config = Path.Combine(Broker.Directory, $"idfrom-{Guid.NewGuid():N}.yaml");
        var dls = deadLetter is null ? string.Empty : $"delivery: {{ deadLetterSink: {{ uri: \"{deadLetter.Url}\" }} }}";
        await File.WriteAllTextAsync(config, $$"""
            apiVersion: sources.knative.dev/v1alpha1
            kind: MqttSource
            metadata: { name: idfrom }
            spec:
              broker: { url: "{{Broker.Url}}" }
              topics: [ { filter: "#", qos: 1 } ]
              event: { idFrom: "{{idFrom}}" }
              parallelism: {{parallelism}}
              {{dls}}
              sink: { uri: "{{Sink.Url}}" }
            """);
        return await TestAdapter.StartAsync(TestSettings.Load(["--config", config, "--client-id", TestSettings.NewClientId("idfrom"), "--http-port", "0", "--http-host", "127.0.0.1"]));
    }

    private async Task WaitForBodyAsync(string body, TestAdapter adapter)
    {
        try
        {
            await Sink.WaitForCountAsync(1, s_timeout, r => r.Accepted && r.BodyText == body);
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}\n{adapter.Logs}");
        }
    }

    [Theory]
    [InlineData("5")]
    [InlineData("3.1.1")]
    public async Task Receive_PayloadOverMaximumPacketSize_RefusedAndTheStreamContinues(string protocolVersion)
    {
        var file = Path.Combine(Broker.Directory, "big.bin");
        await File.WriteAllBytesAsync(file, new byte[1024 * 1024]);
        await using var adapter = await StartAdapterAsync("--max-packet-size", "65536", "--protocol-version", protocolVersion);

        var big = await MosquittoClients.PublishFileAsync(Broker.ClientOptions() with { Qos = 1 }, "big/1", file);
        Assert.True(big.Succeeded, big.ToString());
        await PublishAsync("small/1", "after the big one");
        await WaitForBodyAsync("after the big one", adapter);
        await PublishAsync("small/2", "and another");
        await WaitForBodyAsync("and another", adapter);

        Assert.DoesNotContain(Sink.Requests, r => r.Body.Length > 65536);
        Assert.True(adapter.Metrics.Connected);
        Assert.Equal(0, adapter.Metrics.Reconnects);
        if (protocolVersion == "3.1.1")
        {
            // The broker sends it anyway; the client skips it without allocating it and acknowledges it in order.
            Assert.Equal(1, adapter.Metrics.Oversized);
        }
    }

    [Fact]
    public async Task Receive_InvalidUtf8InUserProperty_AdapterKeepsRunningAndDeliversTheNext()
    {
        await using var adapter = await StartAdapterAsync();

        // Mosquitto checks UTF-8 in properties: it drops the hostile publisher (no PUBACK), so nothing reaches the adapter.
        var answer = await RawMqttPublisher.PublishWithRawUserPropertyAsync(Broker.Host, Broker.Port, "hostile/1", "k", [0xC3, 0x28, 0xFF], "hostile");
        await PublishAsync("good/1", "good");
        await WaitForBodyAsync("good", adapter);

        Assert.True(answer is null or 0x40, $"unexpected answer 0x{answer:X2}");
        if (answer is null)
        {
            Assert.DoesNotContain(Sink.Requests, r => r.BodyText == "hostile");
        }

        Assert.Equal(0, adapter.Metrics.Reconnects);
        Assert.True(adapter.Metrics.Connected);
    }

    [Fact]
    public async Task Receive_ClaimsCloudEventButIsNot_DeadLetteredWithErrorExtensions()
    {
        await using var deadLetter = await LoopbackSink.StartAsync();
        await using var adapter = await StartAdapterAsync("--dead-letter-sink", deadLetter.Url.ToString());
        var v5 = Broker.ClientOptions() with { ProtocolVersion = MosquittoProtocolVersion.V5, Qos = 1, ContentType = "application/cloudevents+json" };

        await PublishAsync("fake/1", """{"temperature":21}""", v5);
        await deadLetter.WaitForCountAsync(1, s_timeout);
        await PublishAsync("good/1", "good");
        await WaitForBodyAsync("good", adapter);

        var dead = Assert.Single(deadLetter.Requests);
        Assert.Equal("""{"temperature":21}""", dead.BodyText);
        Assert.Equal("fake/1", dead.Header("ce-subject"));
        Assert.Equal(Sink.Url.OriginalString, dead.Header("ce-knativeerrordest"));
        Assert.Equal("400", dead.Header("ce-knativeerrorcode"));
        Assert.StartsWith("invalid CloudEvent", Encoding.UTF8.GetString(Convert.FromBase64String(dead.Header("ce-knativeerrordata")!)), StringComparison.Ordinal);
        Assert.DoesNotContain(Sink.Requests, r => r.Header("ce-subject") == "fake/1"); // never sent to the sink
        Assert.Equal(1, adapter.Metrics.Invalid);
        await Eventually.WaitUntilAsync(() => adapter.Metrics.DeadLettered == 1, s_timeout, "1 dead-lettered counted");
    }

    [Fact]
    public async Task Receive_ClaimsCloudEventButIsNotWithoutDeadLetterSink_CountedAndTheStreamContinues()
    {
        await using var adapter = await StartAdapterAsync();
        var v5 = Broker.ClientOptions() with { ProtocolVersion = MosquittoProtocolVersion.V5, Qos = 1, ContentType = "application/cloudevents+json" };

        await PublishAsync("fake/1", "not even json", v5);
        await PublishAsync("good/1", "good");
        await WaitForBodyAsync("good", adapter);
        await Eventually.WaitUntilAsync(() => adapter.Metrics.Dropped == 1, s_timeout, "the invalid event was dropped");

        Assert.Equal(1, adapter.Metrics.Invalid);
        Assert.Single(Sink.Requests);
        var (_, metrics, _) = await adapter.GetAsync("/metrics");
        Assert.Contains("\nmqttsource_events_invalid_total 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\nmqttsource_events_dropped_total 1\n", metrics, StringComparison.Ordinal);
        Assert.True(adapter.Logs.Contains(14), adapter.Logs.ToString());
    }

    [Fact]
    public async Task Receive_IdFromJsonWithControlCharacter_DeadLetteredAsMinimalEventAndTheStreamContinues()
    {
        // Issue 10: Mosquitto never checks payloads; an id with a control character used to stall every later ack.
        await using var deadLetter = await LoopbackSink.StartAsync();
        await using var adapter = await StartFromConfigAsync("json:/id", 4, deadLetter);

        await PublishAsync("poison/1", "{\"id\":\"bad\\u0001id\",\"v\":1}");
        for (var i = 1; i <= 20; i++)
        {
            await PublishAsync("good/" + i, "{\"id\":\"good-" + i + "\"}");
        }

        await Sink.WaitForCountAsync(20, s_timeout, r => r.Accepted);
        await deadLetter.WaitForCountAsync(1, s_timeout);
        var dead = Assert.Single(deadLetter.Requests);
        Assert.Equal("poison/1", dead.Header("ce-subject"));
        Assert.Equal("application/octet-stream", dead.Header("content-type"));
        Assert.Equal("400", dead.Header("ce-knativeerrorcode"));
        Assert.Contains("cannot convert", Encoding.UTF8.GetString(Convert.FromBase64String(dead.Header("ce-knativeerrordata")!)), StringComparison.Ordinal);
        Assert.DoesNotContain(Sink.Requests, r => r.Header("ce-subject") == "poison/1");
        Assert.Equal(20, Sink.Requests.Select(r => r.Header("ce-id")).Distinct().Count());
        await Eventually.WaitUntilAsync(() => adapter.Metrics.DeadLettered == 1 && adapter.Metrics.Invalid == 1, s_timeout, "counted as invalid and dead-lettered");
        Assert.Equal(0, adapter.Metrics.InternalErrors);
    }

    [Fact]
    public async Task Receive_IdFromHugeUserProperty_SinkRefusesTheHeadersDroppedAndTheStreamContinues()
    {
        // Mosquitto refuses control characters in properties, but not size: a 40 KB id cannot go in a ce-id header the
        // sink accepts (Kestrel answers 431): not retried, dropped, counted; the messages after it are delivered.
        await using var adapter = await StartFromConfigAsync("userProperty:msgid", 2, null);
        var v5 = Broker.ClientOptions() with { ProtocolVersion = MosquittoProtocolVersion.V5, Qos = 1, UserProperties = [KeyValuePair.Create("msgid", new string('x', 40_000))] };

        await PublishAsync("huge/1", "huge", v5);
        for (var i = 1; i <= 10; i++)
        {
            await PublishAsync("good/" + i, "good-" + i);
        }

        await Sink.WaitForCountAsync(10, s_timeout, r => r.Accepted);
        // The sink records a request before the adapter reads its response: wait for the counters, not the sink.
        await Eventually.WaitUntilAsync(() => adapter.Metrics.Dropped == 1 && adapter.Metrics.Delivered == 10, s_timeout, "the huge one dropped, the rest delivered");
        Assert.Equal(0, adapter.Metrics.Retried);
        Assert.Equal(0, adapter.Metrics.InternalErrors);
    }
}
