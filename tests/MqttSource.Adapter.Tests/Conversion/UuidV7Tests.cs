using System.Collections.Concurrent;
using MqttSource.Adapter.Conversion;

namespace MqttSource.Adapter.Tests.Conversion;

public sealed class UuidV7Tests
{
    [Fact]
    public void NewString_Always_Version7VariantRfcAndTheMillisecondsUpFront()
    {
        var now = new DateTimeOffset(2026, 12, 1, 23, 45, 6, 789, TimeSpan.Zero);

        var id = UuidV7.NewString(now);
        var guid = Guid.Parse(id);

        Assert.Equal(7, guid.Version);
        Assert.Equal(0b1000, guid.Variant & 0b1100);
        Assert.Equal(36, id.Length);
        Assert.Equal(now.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture), id[..8] + id[9..13]);
    }

    [Fact]
    public void NewString_ManyOnManyThreadsInOneMillisecond_AllDistinct()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = new ConcurrentBag<string>();

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                ids.Add(UuidV7.NewString(now));
            }
        });

        Assert.Equal(16_000, ids.Distinct().Count());
    }
}
