using System.Globalization;
using System.Text.RegularExpressions;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Hosting;

/// <summary>
/// Issue 10, "a stall you can see", end to end: during a sink outage the oldest un-acknowledged message ages in
/// /metrics, the log says the sink is failing and readiness stays up with the reason; once the sink is back it recovers.
/// </summary>
public sealed partial class StallVisibilityTests : BrokerAndSinkTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [GeneratedRegex(@"\nmqttsource_oldest_unacked_age_seconds ([0-9.]+)\n")]
    private static partial Regex OldestAge();

    private static double Age(string metrics) => double.Parse(OldestAge().Match(metrics).Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task SinkOutage_OldestAgeGrowsReadinessSaysRetryingAndItRecovers()
    {
        Sink.Behaviour = _ => SinkResponse.Status(503, "down");
        await using var adapter = await StartAdapterOnAsync(null, "outage", null, "--stall-threshold", "2", "--parallelism", "2");

        await PublishAsync("sensors/1", "m1");
        await PublishAsync("sensors/2", "m2");
        await Eventually.WaitUntilAsync(async () => (await adapter.GetAsync("/readiness")).Body.Contains("sink is failing", StringComparison.Ordinal), s_timeout, "readiness reports the sink outage");

        var (status, body, _) = await adapter.GetAsync("/readiness");
        Assert.Equal(200, status);
        Assert.Contains("retrying", body, StringComparison.Ordinal);
        Assert.True(Age((await adapter.GetAsync("/metrics")).Body) >= 2);
        Assert.True(adapter.Logs.Contains(23), adapter.Logs.ToString());
        Assert.Equal(0, adapter.Metrics.Stalls);

        Sink.Behaviour = _ => SinkResponse.Accepted;
        await Sink.WaitForCountAsync(2, TimeSpan.FromSeconds(60), r => r.Accepted);
        await Eventually.WaitUntilAsync(async () => (await adapter.GetAsync("/readiness")).Body == "ready\n", s_timeout, "readiness is plain ready again");
        Assert.Equal(0, Age((await adapter.GetAsync("/metrics")).Body));
    }
}
