using MqttSource.Testing.Faults;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>The adapter killed -9 in a bounded loop while messages keep coming: nothing lost, at most one window of duplicates per kill.</summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class AdapterKillFaultTests(FaultSuiteFixture suite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Deliver_AdapterKilled9InALoop_NothingLostDuplicatesWithinOneWindowPerKill() =>
        suite.AssertPassedAsync(AdapterFaultCases.KillLoop(), output);
}
