using MqttSource.Testing.Faults;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>Redirects the adapter must not get through: a loop (bounded like Go's client, 10 redirects) and 301 (not followed, not retried).</summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class RedirectRefusedFaultTests(FaultSuiteFixture suite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Deliver_RedirectLoop_BoundedLikeGoAndDeadLettered() =>
        suite.AssertPassedAsync(RedirectFaultCases.Loop(), output);

    [Fact]
    public Task Deliver_SinkAnswers301_NotFollowedNotRetriedDeadLettered() =>
        suite.AssertPassedAsync(RedirectFaultCases.Moved(), output);
}
