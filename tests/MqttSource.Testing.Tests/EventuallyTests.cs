using Xunit;

namespace MqttSource.Testing.Tests;

public sealed class EventuallyTests
{
    [Fact]
    public async Task WaitUntilAsync_ConditionBecomesTrue_Returns()
    {
        var calls = 0;

        await Eventually.WaitUntilAsync(() => ++calls >= 3, TimeSpan.FromSeconds(5), "the third call");

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task WaitUntilAsync_ConditionNeverTrue_ThrowsTimeoutNamingTheReason()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => Eventually.WaitUntilAsync(() => Task.FromResult(false), TimeSpan.FromMilliseconds(100), "pigs fly"));

        Assert.Contains("pigs fly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitUntilAsync_ConditionThrows_Propagates()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Eventually.WaitUntilAsync(new Func<bool>(() => throw new InvalidOperationException("boom")), TimeSpan.FromSeconds(5), "never"));
    }
}
