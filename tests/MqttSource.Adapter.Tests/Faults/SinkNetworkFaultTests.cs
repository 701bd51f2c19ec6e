using MqttSource.Testing.Faults;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>The way to the sink breaks (issue 10): connects time out, connections are reset. Nothing lost, ready all along, recovered.</summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class SinkNetworkFaultTests(FaultSuiteFixture suite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Deliver_SinkAcceptsNoTcpConnectionForAWhile_NothingLostStallVisibleAndRecovered() =>
        suite.AssertPassedAsync(SinkFaultCases.NoConnect(), output);

    [Fact]
    public Task Deliver_SinkResetsEveryConnectionForAWhile_NothingLostAndRecovered() =>
        suite.AssertPassedAsync(SinkFaultCases.Reset(), output);
}
