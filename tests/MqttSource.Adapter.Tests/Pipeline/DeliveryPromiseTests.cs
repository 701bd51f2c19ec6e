using System.Globalization;
using System.Text;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing;
using MqttSource.Testing.Mosquitto;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Pipeline;

/// <summary>
/// PRODUCT.md §5, prober-style: numbered QoS 1 messages through real Mosquitto and the adapter in this process; the sink
/// counts which numbers are missing and how many arrived twice.
/// </summary>
public sealed class DeliveryPromiseTests(Xunit.Abstractions.ITestOutputHelper output) : BrokerAndSinkTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(45);
    protected override MosquittoOptions BrokerOptions => new MosquittoOptions { Persistence = true, MaxQueuedMessages = 10_000, MaxInflightMessages = 1000 };

    private Adapter.Configuration.AdapterSettings Settings(string clientId, params string[] extra) =>
        TestSettings.Load(TestSettings.Flags(Broker, Sink, clientId, extra));

    private MosquittoClientOptions Publisher => Broker.ClientOptions() with { Qos = 1, Timeout = TimeSpan.FromSeconds(30) };

    private async Task PublishAsync(int from, int to, string topic = "probe/a")
    {
        var lines = Enumerable.Range(from, to - from + 1).Select(i => "message-" + i.ToString(CultureInfo.InvariantCulture));
        var result = await MosquittoClients.PublishLinesAsync(Publisher, topic, lines);
        Assert.True(result.Succeeded, result.ToString());
    }

    private DeliveryTally Tally(int expected, LoopbackSink? sink = null) =>
        DeliveryTally.Count((sink ?? Sink).AcceptedRequests.Select(r => r.BodyText), expected);

    private async Task<DeliveryTally> WaitForAllAsync(int expected, TestAdapter? adapter = null, LoopbackSink? sink = null, TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.WaitUntilAsync(() => Tally(expected, sink).Missing.Count == 0, timeout ?? s_timeout, "every numbered message reached the sink");
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}\n{Tally(expected, sink)}\n{adapter?.Logs}");
        }

        output.WriteLine(Tally(expected, sink).ToString());
        return Tally(expected, sink);
    }

    [Fact]
    public async Task Deliver_SinkUnavailableFor30Seconds_NothingLost()
    {
        // retry: null retries without end: the window fills, acks stop and the broker queues. With the default
        // exponential PT0.2S backoff the first retry after the outage can come up to ~30 s later.
        Sink.FailFor(TimeSpan.FromSeconds(30), 503);
        await using var adapter = await TestAdapter.StartAsync(Settings(TestSettings.NewClientId("outage")));

        await PublishAsync(1, 300);
        var tally = await WaitForAllAsync(300, adapter, timeout: TimeSpan.FromSeconds(120));

        Assert.Empty(tally.Missing);
        Assert.Equal(0, tally.Duplicates);
        Assert.True(Sink.Count(r => r.StatusCode == 503) > 0, "the sink refused during the outage");
        Assert.True(adapter.Metrics.Retried > 0);
        Assert.Equal(0, adapter.Metrics.Dropped + adapter.Metrics.DeadLettered);
    }

    [Fact]
    public async Task Deliver_SinkAnswers400_DeadLetterSinkGetsItWithErrorExtensionsAndNoRetry()
    {
        await using var deadLetter = await LoopbackSink.StartAsync();
        Sink.Behaviour = _ => SinkResponse.Status(400, "schema violation");
        await using var adapter = await TestAdapter.StartAsync(Settings(TestSettings.NewClientId("dls"), "--dead-letter-sink", deadLetter.Url.ToString()));

        await PublishAsync(1, 5);
        await deadLetter.WaitForCountAsync(5, s_timeout);

        Assert.Equal(5, Sink.Requests.Count); // one attempt each: 400 is not retried
        Assert.Equal(0, adapter.Metrics.Retried);
        await Eventually.WaitUntilAsync(() => adapter.Metrics.DeadLettered == 5, s_timeout, "5 dead-lettered counted");
        Assert.Empty(DeliveryTally.Count(deadLetter.Requests.Select(r => r.BodyText), 5).Missing);
        foreach (var request in deadLetter.Requests)
        {
            Assert.Equal(Sink.Url.OriginalString, request.Header("ce-knativeerrordest"));
            Assert.Equal("400", request.Header("ce-knativeerrorcode"));
            Assert.Equal("schema violation", Encoding.UTF8.GetString(Convert.FromBase64String(request.Header("ce-knativeerrordata")!)));
            Assert.Equal(Sink.Requests.Single(r => r.BodyText == request.BodyText).Header("ce-id"), request.Header("ce-id"));
        }
    }

    [Fact]
    public async Task Deliver_SinkAnswers503WithRetriesExhausted_DeadLetteredWithTheLastCode()
    {
        await using var deadLetter = await LoopbackSink.StartAsync();
        Sink.Behaviour = _ => SinkResponse.Status(503, "busy");
        await using var adapter = await TestAdapter.StartAsync(Settings(TestSettings.NewClientId("exhausted"), "--retry", "2", "--dead-letter-sink", deadLetter.Url.ToString()));

        await PublishAsync(1, 1);
        await deadLetter.WaitForCountAsync(1, s_timeout);

        Assert.Equal(3, Sink.Requests.Count); // the attempt and two retries
        Assert.Equal("503", deadLetter.Requests[0].Header("ce-knativeerrorcode"));
    }

    [Fact]
    public async Task Deliver_BrokerRestartedWithPersistence_NothingLost()
    {
        Sink.DelayRandomly(TimeSpan.FromMilliseconds(4), seed: 7);
        await using var adapter = await TestAdapter.StartAsync(Settings(TestSettings.NewClientId("restart")));

        await PublishAsync(1, 500);
        await Sink.WaitForCountAsync(100, s_timeout);
        await Broker.RestartAsync();
        await Eventually.WaitUntilAsync(() => adapter.Metrics.Connected && adapter.Metrics.Subscribed, s_timeout, "the adapter reconnected");
        await PublishAsync(501, 1000);
        var tally = await WaitForAllAsync(1000, adapter);

        Assert.Empty(tally.Missing);
        Assert.True(adapter.Metrics.Reconnects >= 1);
    }

    [Fact]
    public async Task Deliver_PublishedWhileAdapterDown_DeliveredAfterItStarts()
    {
        var settings = Settings(TestSettings.NewClientId("down"));
        var first = await TestAdapter.StartAsync(settings);
        await first.StopAsync(); // the persistent session stays with the broker

        await PublishAsync(1, 300);
        await using var second = await TestAdapter.StartAsync(settings);
        var tally = await WaitForAllAsync(300, second);

        Assert.Empty(tally.Missing);
        Assert.Equal(0, tally.Duplicates);
    }

    [Fact]
    public async Task Deliver_RandomSinkDelaysParallelism32_PubAcksInArrivalOrderAndNothingLost()
    {
        var clientId = TestSettings.NewClientId("order");
        Sink.DelayRandomly(TimeSpan.FromMilliseconds(20), seed: 42);
        await using var adapter = await TestAdapter.StartAsync(Settings(clientId, "--parallelism", "32", "--ordering", "unordered"));

        await PublishAsync(1, 1000);
        var tally = await WaitForAllAsync(1000, adapter);
        await Eventually.WaitUntilAsync(() => BrokerLog.PubAcksFrom(Broker.Log, clientId).Count >= 1000, s_timeout, "1000 PUBACKs in the broker log");

        Assert.Empty(tally.Missing);
        Assert.InRange(Sink.MaxConcurrent, 2, 32); // deliveries really ran in parallel and finished out of order
        var sent = BrokerLog.PublishesSentTo(Broker.Log, clientId);
        var acked = BrokerLog.PubAcksFrom(Broker.Log, clientId);
        Assert.Equal(1000, sent.Count);
        Assert.Equal(sent, acked);
    }

    [Fact]
    public async Task Deliver_StuckSink_InFlightNeverExceedsParallelism()
    {
        // No timing: the sink holds every request, so the window must fill to exactly its size and no further.
        Sink.Hold();
        await using var adapter = await TestAdapter.StartAsync(Settings(TestSettings.NewClientId("slow"), "--parallelism", "8", "--ordering", "unordered"));

        await PublishAsync(1, 200);
        await Eventually.WaitUntilAsync(() => Sink.Concurrent == 8, s_timeout, "the window is full at the sink");
        Assert.Equal(8, adapter.Metrics.InFlight);
        Sink.Release();
        var tally = await WaitForAllAsync(200, adapter);

        Assert.Empty(tally.Missing);
        Assert.Equal(8, adapter.Metrics.MaxInFlight);
        Assert.InRange(Sink.MaxConcurrent, 1, 8);
    }

    [Fact]
    public async Task Stop_DeliveriesInFlight_FinishedAndAcknowledgedBeforeDisconnect()
    {
        var clientId = TestSettings.NewClientId("drain");
        Sink.Behaviour = _ => new SinkResponse { Delay = TimeSpan.FromMilliseconds(700) };
        var adapter = await TestAdapter.StartAsync(Settings(clientId, "--parallelism", "4", "--ordering", "unordered", "--shutdown-grace", "20"));

        await PublishAsync(1, 4);
        await Eventually.WaitUntilAsync(() => Sink.Concurrent == 4, s_timeout, "four deliveries in flight");
        await adapter.StopAsync();

        Assert.Equal(4, adapter.Metrics.Delivered);
        Assert.Equal(0, adapter.Metrics.Abandoned);
        Assert.Equal(4, Sink.AcceptedRequests.Count);
        Assert.Equal(4, BrokerLog.PubAcksFrom(Broker.Log, clientId).Count);
    }

    [Fact]
    public async Task Stop_SinkStuckPastTheGrace_AbandonedUnacknowledgedAndRedeliveredLater()
    {
        var clientId = TestSettings.NewClientId("abandon");
        Sink.Hold();
        var settings = Settings(clientId, "--parallelism", "4", "--ordering", "unordered", "--shutdown-grace", "1");
        var adapter = await TestAdapter.StartAsync(settings);

        await PublishAsync(1, 10);
        await Eventually.WaitUntilAsync(() => Sink.Concurrent == 4, s_timeout, "four deliveries stuck at the sink");
        await adapter.StopAsync();

        Assert.Equal(4, adapter.Metrics.Abandoned);
        Assert.Equal(0, adapter.Metrics.Delivered);
        Assert.Empty(BrokerLog.PubAcksFrom(Broker.Log, clientId));

        Sink.Release();
        await using var again = await TestAdapter.StartAsync(settings);
        var tally = await WaitForAllAsync(10, again);
        Assert.Empty(tally.Missing);
    }

    [Fact]
    public async Task Deliver_TwoReplicasInOneSharedGroup_MessagesSplitNoneLostNoneTwice()
    {
        // PRODUCT.md §5: with replicas > 1 every replica subscribes through $share/<sharedGroup>/, each with its own client id.
        var config = Path.Combine(Broker.Directory, "shared.yaml");
        await File.WriteAllTextAsync(config, $$"""
            apiVersion: sources.knative.dev/v1alpha1
            kind: MqttSource
            metadata: { name: shared }
            spec:
              broker: { url: "{{Broker.Url}}" }
              topics: [ { filter: "jobs/#", qos: 1 } ]
              sharedGroup: workers
              replicas: 2
              sink: { uri: "{{Sink.Url}}" }
            """);
        string[] Replica(int k) => ["--config", config, "--client-id", TestSettings.NewClientId($"replica{k}"), "--http-port", "0", "--http-host", "127.0.0.1"];
        await using var first = await TestAdapter.StartAsync(TestSettings.Load(Replica(0)));
        await using var second = await TestAdapter.StartAsync(TestSettings.Load(Replica(1)));
        Assert.Equal("$share/workers/jobs/#", Assert.Single(first.Settings.Source.Topics).SubscriptionFilter);

        await PublishAsync(1, 200, "jobs/a");
        var tally = await WaitForAllAsync(200, first);

        Assert.Empty(tally.Missing);
        Assert.Equal(0, tally.Duplicates);
        Assert.Equal(200, tally.Total);
        // The sink records a request before it answers; the adapters count a delivery once the answer is in.
        await Eventually.WaitUntilAsync(() => first.Metrics.Delivered + second.Metrics.Delivered == 200, s_timeout, "200 deliveries counted");
        Assert.True(first.Metrics.Delivered > 0 && second.Metrics.Delivered > 0, $"both replicas took a share: {first.Metrics.Delivered} and {second.Metrics.Delivered}");
    }
}
