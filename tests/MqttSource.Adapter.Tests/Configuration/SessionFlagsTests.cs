using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing;
using MqttSource.Testing.Mosquitto;

namespace MqttSource.Adapter.Tests.Configuration;

/// <summary>
/// <c>--session persistent|clean</c> and <c>--session-expiry</c>: the quick flags choose the session kind, and the adapter
/// logs at start-up whether the broker resumed a stored session (CONNACK session present). Real Mosquitto.
/// </summary>
public sealed class SessionFlagsTests : BrokerAndSinkTest
{
    private const int Resumed = 40;
    private const int Started = 41;
    private const int Clean = 43;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private string[] Flags(string clientId, params string[] extra) => [.. TestSettings.Flags(Broker, Sink, clientId, extra)];

    [Fact]
    public void Load_NoSessionFlag_PersistentOneHour()
    {
        var s = TestSettings.Load(["--broker", "mqtt://b.test", "--topic", "a", "--sink", "http://s.test/"]);

        Assert.True(s.Source.SessionPersistent);
        Assert.Equal(TimeSpan.FromHours(1), s.Source.SessionExpiry);
        Assert.Equal(3600u, s.Source.SessionExpiryInterval);
    }

    [Theory]
    [InlineData(new[] { "--session", "clean" }, false, 0u)]
    [InlineData(new[] { "--session", "persistent" }, true, 3600u)]
    [InlineData(new[] { "--session-expiry", "5m" }, true, 300u)]
    [InlineData(new[] { "--session=persistent", "--session-expiry=36h" }, true, 129_600u)]
    public void Load_SessionFlags_SessionKindAndExpiry(string[] flags, bool persistent, uint expiryInterval)
    {
        var s = TestSettings.Load(["--broker", "mqtt://b.test", "--topic", "a", "--sink", "http://s.test/", .. flags]);

        Assert.Equal(persistent, s.Source.SessionPersistent);
        Assert.Equal(expiryInterval, s.Source.SessionExpiryInterval);
    }

    [Fact]
    public void Load_SessionFlagsOverYaml_FlagsWin()
    {
        using var config = new TempConfigFile("""
            kind: MqttSource
            metadata: { name: telemetry }
            spec:
              broker: { url: "mqtt://127.0.0.1:1883", session: { persistent: true, expiry: 1h } }
              topics: [{ filter: "a" }]
              sink: { uri: "http://sink.test/" }
            """);

        Assert.False(TestSettings.Load(["--config", config.Path, "--session", "clean"]).Source.SessionPersistent);
        Assert.Equal(TimeSpan.FromMinutes(10), TestSettings.Load(["--config", config.Path, "--session-expiry", "10m"]).Source.SessionExpiry);
    }

    [Theory]
    [InlineData(new[] { "--session", "durable" }, "--session must be persistent or clean (got 'durable')")]
    [InlineData(new[] { "--session", "clean", "--session-expiry", "1h" }, "--session-expiry: only with a persistent session")]
    [InlineData(new[] { "--session-expiry", "forever" }, "--session-expiry: ")]
    [InlineData(new[] { "--session-expiry", "0" }, "--session-expiry must be more than 0")]
    [InlineData(new[] { "--session-expiry", "2000000h" }, "--session-expiry must be more than 0 and at most 4294967295s")]
    [InlineData(new[] { "--session" }, "--session needs a value")]
    public void Load_BadSessionFlags_ErrorNamesTheFlag(string[] flags, string expected)
    {
        var (settings, errors) = TestSettings.TryLoad(["--broker", "mqtt://b.test", "--topic", "a", "--sink", "http://s.test/", .. flags]);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_DefaultSessionRestarted_LogsNewThenResumedAndDeliversWhatTheBrokerQueued()
    {
        var clientId = TestSettings.NewClientId("session-default");
        await using (var first = await TestAdapter.StartAsync(TestSettings.Load(Flags(clientId))))
        {
            await WaitForLogAsync(first, Started);
            Assert.DoesNotContain(first.Logs.Lines, l => l.Id.Id == Resumed);
        }

        await PublishAsync("sensors/offline", "published while the adapter was away");

        await using var second = await TestAdapter.StartAsync(TestSettings.Load(Flags(clientId)));
        await WaitForLogAsync(second, Resumed);
        await Sink.WaitForCountAsync(1, s_timeout);
        Assert.Equal("published while the adapter was away", Sink.AcceptedRequests[0].BodyText);
        Assert.Contains(second.Logs.Lines, l => l.Id.Id == Resumed && l.Text.Contains(clientId, StringComparison.Ordinal) && l.Text.Contains("queued", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("3.1.1")]
    public async Task Start_SessionClean_LogsCleanAndNothingQueuedWhileAwayArrives(string protocolVersion)
    {
        var clientId = TestSettings.NewClientId("session-clean");
        await using (var first = await TestAdapter.StartAsync(TestSettings.Load(Flags(clientId, "--protocol-version", protocolVersion))))
        {
            // A persistent session exists now: a clean start must throw it away.
            await WaitForLogAsync(first, Started);
        }

        await PublishAsync("sensors/a", "published while the adapter was away");

        await using var second = await TestAdapter.StartAsync(TestSettings.Load(Flags(clientId, "--protocol-version", protocolVersion, "--session", "clean")));
        await WaitForLogAsync(second, Clean);
        await PublishAsync("sensors/a", "published after the clean start");

        // Same topic, ordered: had the queued message been delivered, it would have come first.
        await Sink.WaitForCountAsync(1, s_timeout);
        Assert.Equal(["published after the clean start"], Sink.AcceptedRequests.Select(r => r.BodyText));
        Assert.DoesNotContain(second.Logs.Lines, l => l.Id.Id is Resumed or Started);
    }

    private static async Task WaitForLogAsync(TestAdapter adapter, int eventId)
    {
        try
        {
            await Eventually.WaitUntilAsync(() => adapter.Logs.Contains(eventId), s_timeout, $"log event {eventId}");
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}\n{adapter.Logs}");
        }
    }
}
