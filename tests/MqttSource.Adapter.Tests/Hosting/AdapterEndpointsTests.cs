using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing;
using MqttSource.Testing.Mosquitto;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Hosting;

/// <summary>/health, /readiness and /metrics on the probe port.</summary>
public sealed class AdapterEndpointsTests : BrokerAndSinkTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Readiness_BrokerDownThenUp_503Then200()
    {
        Broker.Kill();
        await using var adapter = await TestAdapter.StartAsync(TestSettings.Load(TestSettings.Flags(Broker, Sink, TestSettings.NewClientId("ready"))), waitUntilReady: false);

        var before = await adapter.GetAsync("/readiness");
        var health = await adapter.GetAsync("/health");
        await Broker.StartAgainAsync();
        await Eventually.WaitUntilAsync(async () => (await adapter.GetAsync("/readiness")).Status == 200, s_timeout, "ready once the broker is up");

        Assert.Equal(503, before.Status);
        Assert.Equal(200, health.Status);
        Assert.True(adapter.Metrics.Subscribed);
    }

    [Fact]
    public async Task Metrics_AfterDeliveries_PrometheusTextWithCountersAndHistogram()
    {
        await using var adapter = await TestAdapter.StartAsync(TestSettings.Load(TestSettings.Flags(Broker, Sink, TestSettings.NewClientId("metrics"))));
        var published = await MosquittoClients.PublishNumberedAsync(Broker.ClientOptions() with { Qos = 1 }, "m/1", 3);
        Assert.True(published.Succeeded, published.ToString());
        await Eventually.WaitUntilAsync(() => adapter.Metrics.Delivered == 3, s_timeout, "three delivered");

        var (status, text, contentType) = await adapter.GetAsync("/metrics");

        Assert.Equal(200, status);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", contentType);
        string[] lines =
        [
            "# TYPE mqttsource_messages_received_total counter",
            "mqttsource_messages_received_total 3",
            "mqttsource_events_delivered_total 3",
            "mqttsource_events_retried_total 0",
            "mqttsource_events_deadlettered_total 0",
            "mqttsource_events_dropped_total 0",
            "mqttsource_events_invalid_total 0",
            "# TYPE mqttsource_events_inflight gauge",
            "mqttsource_events_inflight 0",
            "mqttsource_mqtt_connected 1",
            "mqttsource_mqtt_subscribed 1",
            "mqttsource_mqtt_reconnects_total 0",
            "# TYPE mqttsource_delivery_latency_seconds histogram",
            "mqttsource_delivery_latency_seconds_bucket{le=\"+Inf\"} 3",
            "mqttsource_delivery_latency_seconds_count 3",
        ];
        var actual = text.Split('\n');
        Assert.All(lines, line => Assert.Contains(line, actual));
    }

    [Fact]
    public async Task UnknownPath_Always_404()
    {
        await using var adapter = await TestAdapter.StartAsync(TestSettings.Load(TestSettings.Flags(Broker, Sink, TestSettings.NewClientId("404"))));

        Assert.Equal(404, (await adapter.GetAsync("/nope")).Status);
    }
}
