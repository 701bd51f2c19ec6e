using MqttSource.Testing.Faults;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>Mosquitto restarts and dies (persistence on): nothing the broker kept is lost; during a sink outage the adapter is ready again before the sink is back.</summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class BrokerFaultTests(FaultSuiteFixture suite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Deliver_BrokerRestartedMidStream_NothingLostDuplicatesWithinOneWindow() =>
        suite.AssertPassedAsync(BrokerFaultCases.Restart(), output);

    [Fact]
    public Task Deliver_BrokerKilled9WithTheWindowFull_NothingLostDuplicatesWithinOneWindow() =>
        suite.AssertPassedAsync(BrokerFaultCases.Kill(), output);

    [Fact]
    public Task Deliver_BrokerRestartsDuringASinkOutageWithTheWindowFull_ReadyAgainDuringTheOutage() =>
        suite.AssertPassedAsync(BrokerFaultCases.RestartDuringSinkOutage(), output);
}
