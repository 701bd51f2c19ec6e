using MqttSource.Mqtt.Client;
using Xunit;

namespace MqttSource.Mqtt.Tests.Client;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Next_Doubles_WithJitterAndCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), new Random(1));
        var ceilings = new[] { 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000 };
        foreach (var ceiling in ceilings)
        {
            var d = backoff.Next().TotalMilliseconds;
            Assert.InRange(d, ceiling / 2.0, ceiling);
        }

        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 50, 100);
    }

    [Fact]
    public void Next_ManyAttempts_StaysBetweenHalfTheCapAndTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));
        for (var i = 0; i < 10; i++)
        {
            backoff.Next();
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(backoff.Next(), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
        }
    }
}
