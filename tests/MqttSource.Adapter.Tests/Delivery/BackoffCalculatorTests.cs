using MqttSource.Adapter.Delivery;

namespace MqttSource.Adapter.Tests.Delivery;

/// <summary>PRODUCT.md §5: exponential delay×2ⁿ or linear delay×n, ±20 % jitter, a cap, and Retry-After when it asks for longer.</summary>
public sealed class BackoffCalculatorTests
{
    private const double NoJitter = 0.5;
    private static readonly TimeSpan s_delay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_cap = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 400)]
    [InlineData(2, 800)]
    [InlineData(3, 1600)]
    [InlineData(10, 204_800)]
    public void Delay_Exponential_DelayTimesTwoToTheN(int retry, int expectedMs)
    {
        var backoff = new BackoffCalculator(BackoffPolicy.Exponential, s_delay, s_cap);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), backoff.Delay(retry, null, NoJitter));
    }

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(3, 600)]
    [InlineData(50, 10_000)]
    public void Delay_Linear_DelayTimesN(int retry, int expectedMs)
    {
        var backoff = new BackoffCalculator(BackoffPolicy.Linear, s_delay, s_cap);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), backoff.Delay(retry, null, NoJitter));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Delay_RandomAcrossItsRange_WithinTwentyPercentEitherWay(bool exponential)
    {
        var backoff = new BackoffCalculator(exponential ? BackoffPolicy.Exponential : BackoffPolicy.Linear, s_delay, s_cap);
        var nominal = backoff.Delay(3, null, NoJitter);

        Assert.Equal((nominal * 0.8).TotalMilliseconds, backoff.Delay(3, null, 0.0).TotalMilliseconds, precision: 3);
        Assert.Equal((nominal * 1.2).TotalMilliseconds, backoff.Delay(3, null, 1.0).TotalMilliseconds, precision: 3);
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(backoff.Delay(3, null, random.NextDouble()), nominal * 0.8 - TimeSpan.FromTicks(1), nominal * 1.2 + TimeSpan.FromTicks(1));
        }
    }

    [Theory]
    [InlineData(true, 20)]
    [InlineData(true, 1000)]
    [InlineData(true, int.MaxValue)]
    [InlineData(false, 100_000)]
    public void Delay_LongPastTheCap_NeverAboveTheCapEvenWithJitter(bool exponential, int retry)
    {
        var backoff = new BackoffCalculator(exponential ? BackoffPolicy.Exponential : BackoffPolicy.Linear, s_delay, s_cap);

        Assert.Equal(s_cap, backoff.Delay(retry, null, 1.0));
        Assert.Equal(s_cap, backoff.Delay(retry, null, NoJitter));
        Assert.InRange(backoff.Delay(retry, null, 0.0), s_cap * 0.8 - TimeSpan.FromTicks(1), s_cap);
    }

    [Fact]
    public void Delay_RetryAfterLongerThanTheBackoff_RetryAfterWins()
    {
        var backoff = new BackoffCalculator(BackoffPolicy.Exponential, s_delay, s_cap);

        Assert.Equal(TimeSpan.FromSeconds(7), backoff.Delay(1, TimeSpan.FromSeconds(7), 1.0));
    }

    [Fact]
    public void Delay_RetryAfterShorterThanTheBackoff_BackoffWins()
    {
        var backoff = new BackoffCalculator(BackoffPolicy.Exponential, s_delay, s_cap);

        Assert.Equal(TimeSpan.FromMilliseconds(1600), backoff.Delay(3, TimeSpan.FromSeconds(1), NoJitter));
        Assert.Equal(TimeSpan.FromMilliseconds(1600), backoff.Delay(3, TimeSpan.Zero, NoJitter));
    }

    [Fact]
    public void Delay_RetryAfterBeyondTheCap_Capped()
    {
        var backoff = new BackoffCalculator(BackoffPolicy.Linear, s_delay, s_cap);

        Assert.Equal(s_cap, backoff.Delay(1, TimeSpan.FromHours(2), NoJitter));
    }

    [Fact]
    public void Delay_ZeroDelay_RetriesAtOnce()
    {
        var backoff = new BackoffCalculator(BackoffPolicy.Exponential, TimeSpan.Zero, s_cap);

        Assert.Equal(TimeSpan.Zero, backoff.Delay(5, null, 1.0));
    }
}
