using MqttSource.Testing.Faults;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

public sealed class AdapterMetricsSnapshotTests
{
    private const string Exposition = """
        # HELP mqttsource_messages_received_total MQTT messages received.
        # TYPE mqttsource_messages_received_total counter
        mqttsource_messages_received_total 12
        mqttsource_events_delivered_total 10
        mqttsource_events_inflight 2
        mqttsource_delivery_latency_seconds_bucket{le="0.005"} 7
        mqttsource_oldest_unacked_age_seconds 3.5 1700000000000
        not a number here
        """;

    [Fact]
    public void Parse_PrometheusText_CountersGaugesAndLabelledSamples()
    {
        var metrics = AdapterMetricsSnapshot.Parse(Exposition);

        Assert.Equal((12d, 10d, 2d), (metrics.Received, metrics.Delivered, metrics.InFlight));
        Assert.Equal(7d, metrics["mqttsource_delivery_latency_seconds_bucket{le=\"0.005\"}"]);
        Assert.Equal(3.5, metrics.OldestUnackedAgeSeconds);
        Assert.Equal(0d, metrics.Dropped);
        Assert.Null(metrics.Value("mqttsource_events_dropped_total"));
    }

    [Fact]
    public void Summary_MetricMissing_SaysItIsNotExposed()
    {
        var summary = AdapterMetricsSnapshot.Parse("mqttsource_messages_received_total 1\n").Summary();

        Assert.Contains("received 1", summary, StringComparison.Ordinal);
        Assert.Contains("oldest un-acked age (not exposed)", summary, StringComparison.Ordinal);
    }
}
