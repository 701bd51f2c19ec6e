using MqttSource.Testing.Faults;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>The sink hangs (issue 10): after the request head, or after a response head whose body never comes. Attempts time out and are retried.</summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class SinkHangFaultTests(FaultSuiteFixture suite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Deliver_SinkHangsAfterTheRequestHead_TimedOutRetriedNothingLost() =>
        suite.AssertPassedAsync(SinkFaultCases.HangAfterRequestHead(), output);

    [Fact]
    public Task Deliver_SinkHangsAfterTheResponseHead_TimedOutRetriedNothingLost() =>
        suite.AssertPassedAsync(SinkFaultCases.HangAfterResponseHead(), output);
}
