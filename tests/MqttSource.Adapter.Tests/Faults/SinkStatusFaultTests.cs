using MqttSource.Testing.Faults;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>5xx and 429 storms with Retry-After: retried no sooner than asked, nothing lost.</summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class SinkStatusFaultTests(FaultSuiteFixture suite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Deliver_503StormWithRetryAfter_RetryAfterHonouredNothingLost() =>
        suite.AssertPassedAsync(SinkFaultCases.ServerErrorStorm(), output);

    [Fact]
    public Task Deliver_429StormWithRetryAfter_RetryAfterHonouredNothingLost() =>
        suite.AssertPassedAsync(SinkFaultCases.TooManyRequestsStorm(), output);
}
