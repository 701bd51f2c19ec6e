using MqttSource.Testing.Faults;

namespace MqttSource.Adapter.Tests.Faults;

/// <summary>The link to the broker freezes (half-open: noticed within 1.5× keep alive, also with the window full) or drops.</summary>
[Collection(FaultSuiteCollection.Name)]
public sealed class LinkFaultTests(FaultSuiteFixture suite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public Task Deliver_LinkFreezes_NoticedWithinOneAndAHalfKeepAlivesNothingLost() =>
        suite.AssertPassedAsync(LinkFaultCases.Freeze(), output);

    [Fact]
    public Task Deliver_LinkFreezesWithTheWindowFull_NoticedWithinOneAndAHalfKeepAlivesNothingLost() =>
        suite.AssertPassedAsync(LinkFaultCases.FreezeWithFullWindow(), output);

    [Fact]
    public Task Deliver_LinkDropsMidStream_ReconnectedNothingLost() =>
        suite.AssertPassedAsync(LinkFaultCases.Drop(), output);
}
