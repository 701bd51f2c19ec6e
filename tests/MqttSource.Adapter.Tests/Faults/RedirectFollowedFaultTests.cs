using MqttSource.Testing.Faults;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>A sink URL that answers 307 or 308: followed for the same request, nothing lost.</summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class RedirectFollowedFaultTests(FaultSuiteFixture suite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Deliver_SinkAnswers307_FollowedForTheSameRequestNothingLost() =>
        suite.AssertPassedAsync(RedirectFaultCases.Temporary(), output);

    [Fact]
    public Task Deliver_SinkAnswers308ThreeTimesOver_ChainFollowedNothingLost() =>
        suite.AssertPassedAsync(RedirectFaultCases.PermanentChain(), output);
}
