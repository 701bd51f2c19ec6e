using MqttSource.Testing.Faults;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>Poison on every conversion path between numbered good messages: each ends as invalid, the good ones all arrive, no stall.</summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class PoisonFaultTests(FaultSuiteFixture suite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Deliver_PoisonWithIdFromJsonAndADeadLetterSink_InvalidOnesDeadLetteredGoodOnesDelivered() =>
        suite.AssertPassedAsync(PoisonFaultCases.JsonIdDeadLettered(), output);

    [Fact]
    public Task Deliver_PoisonWithIdFromUserPropertyNoDeadLetterSink_InvalidOnesCountedGoodOnesDelivered() =>
        suite.AssertPassedAsync(PoisonFaultCases.UserPropertyIdCounted(), output);
}
