using System.Globalization;
using System.Text.RegularExpressions;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing;
using MqttSource.Testing.Sinks;
using MqttSource.Testing.Tls;

namespace MqttSource.Adapter.Tests.Hosting;

/// <summary>PRODUCT.md §6 and issue 5: how the adapter reaches the sink — https trusted through K_CA_CERTS, and h2c.</summary>
public sealed partial class SinkTransportTests : BrokerAndSinkTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private Task<TestAdapter> StartAdapterAsync(LoopbackSink sink, IReadOnlyDictionary<string, string>? env = null, params string[] extra) =>
        StartAdapterOnAsync(sink, "transport", env, extra);

    private Task PublishAsync(string message) => PublishAsync("sensors/k1", message);

    private static async Task<LoopbackSink> StartHttpsSinkAsync() =>
        await LoopbackSink.StartAsync(new LoopbackSinkOptions { ServerCertificate = TestCertificates.Shared.Server });

    [Fact]
    public async Task Deliver_HttpsSinkTrustedThroughKCaCerts_Delivered()
    {
        await using var sink = await StartHttpsSinkAsync();
        Assert.Equal("https", sink.Url.Scheme);
        await using var adapter = await StartAdapterAsync(sink, new Dictionary<string, string> { ["K_CA_CERTS"] = TestCertificates.Shared.Ca.ExportCertificatePem() });

        await PublishAsync("""{"t":1}""");
        await sink.WaitForCountAsync(1, s_timeout);

        var request = Assert.Single(sink.Requests);
        Assert.Equal("""{"t":1}""", request.BodyText);
        Assert.Equal("sensors/k1", request.Header("ce-subject"));
        Assert.Equal(0, adapter.Metrics.Retried);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deliver_HttpsSinkWithoutItsCa_RetriedAndNeverReachesTheSink(bool untrustedCa)
    {
        await using var sink = await StartHttpsSinkAsync();
        var env = untrustedCa ? new Dictionary<string, string> { ["K_CA_CERTS"] = TestCertificates.Shared.UntrustedCa.ExportCertificatePem() } : null;
        await using var adapter = await StartAdapterAsync(sink, env, "--shutdown-grace", "0"); // the event never gets through: abandon it at once on stop

        await PublishAsync("x");
        await Eventually.WaitUntilAsync(() => adapter.Metrics.Retried >= 2, s_timeout, "the adapter retried the TLS failure twice");

        Assert.Empty(sink.Requests);
        Assert.Equal(0, adapter.Metrics.Delivered);
        Assert.Equal(0, adapter.Metrics.Dropped + adapter.Metrics.DeadLettered);
        var metrics = (await adapter.GetAsync("/metrics")).Body;
        var retried = RetriedCounter().Match(metrics);
        Assert.True(retried.Success, metrics);
        Assert.True(long.Parse(retried.Groups[1].Value, CultureInfo.InvariantCulture) >= 2, metrics);
    }

    [Fact]
    public async Task Deliver_SinkSpeaksOnlyHttp2CleartextWithH2c_DeliveredOverHttp2()
    {
        await using var sink = await LoopbackSink.StartAsync(new LoopbackSinkOptions { Http2Only = true });
        await using var adapter = await StartAdapterAsync(sink, null, "--h2c");

        await PublishAsync("one");
        await PublishAsync("two");
        await sink.WaitForCountAsync(2, s_timeout);

        Assert.All(sink.Requests, r => Assert.Equal("HTTP/2", r.Protocol));
        Assert.Equal(["one", "two"], sink.Requests.Select(r => r.BodyText));
        Assert.Equal(0, adapter.Metrics.Retried);
    }

    [Fact]
    public async Task Deliver_DefaultSink_Http11()
    {
        await using var adapter = await StartAdapterAsync(Sink);

        await PublishAsync("one");
        await Sink.WaitForCountAsync(1, s_timeout);

        Assert.Equal("HTTP/1.1", Assert.Single(Sink.Requests).Protocol);
    }

    [GeneratedRegex(@"^mqttsource_events_retried_total (\d+)$", RegexOptions.Multiline)]
    private static partial Regex RetriedCounter();
}
