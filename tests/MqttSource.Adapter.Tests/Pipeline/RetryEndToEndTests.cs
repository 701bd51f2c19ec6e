using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Pipeline;

/// <summary>PRODUCT.md §5 retries through the whole adapter: Retry-After from a real sink, and <c>retry: 0</c>.</summary>
public sealed class RetryEndToEndTests : BrokerAndSinkTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private Task<TestAdapter> StartAdapterAsync(params string[] extra) => StartAdapterOnAsync(null, "retry", null, extra);

    [Fact]
    public async Task Deliver_SinkAnswers429WithRetryAfter1s_SecondAttemptWaitsAtLeastASecond()
    {
        // The default backoff (exponential, PT0.2S) would retry after 0.32–0.48 s; Retry-After: 1 asks for longer and wins.
        Sink.FailFirst(1, 429, retryAfter: TimeSpan.FromSeconds(1));
        await using var adapter = await StartAdapterAsync();

        await PublishAsync("orders/1", "m1");
        await Sink.WaitForCountAsync(1, s_timeout);

        var requests = Sink.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(429, requests[0].StatusCode);
        Assert.True(requests[1].Accepted);
        Assert.Equal(requests[0].Header("ce-id"), requests[1].Header("ce-id"));
        Assert.InRange(requests[1].ArrivedAt - requests[0].ArrivedAt, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(10));
        Assert.Equal(1, adapter.Metrics.Retried);
    }

    [Fact]
    public async Task Deliver_Retry0AndSinkAnswers503_OneAttemptThenDeadLettered()
    {
        await using var deadLetter = await LoopbackSink.StartAsync();
        Sink.Behaviour = _ => SinkResponse.Status(503, "busy");
        await using var adapter = await StartAdapterAsync("--retry", "0", "--dead-letter-sink", deadLetter.Url.ToString());

        await PublishAsync("orders/1", "m1");
        await deadLetter.WaitForCountAsync(1, s_timeout);

        Assert.Single(Sink.Requests);
        Assert.Equal("503", deadLetter.Requests[0].Header("ce-knativeerrorcode"));
        Assert.Equal(0, adapter.Metrics.Retried);
        await Eventually.WaitUntilAsync(() => adapter.Metrics.DeadLettered == 1, s_timeout, "1 dead-lettered counted");
    }
}
