using MqttSource.Testing.Faults;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

public sealed class FaultCatalogTests
{
    [Fact]
    public void All_Cases_UniqueNamesEachFoundByName()
    {
        var names = FaultCatalog.All().Select(c => c.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Equal(n, FaultCatalog.Named(n).Name));
        Assert.Throws<ArgumentException>(() => FaultCatalog.Named("nope"));
    }

    [Fact]
    public void KeepAlive_HalfTheFaultWithinTwoAndTenSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), FaultScale.Ci.KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(10), FaultScale.Chaos.KeepAlive); // 12.5 s, capped
        Assert.Equal(TimeSpan.FromSeconds(10), (FaultScale.Chaos with { FaultDuration = TimeSpan.FromSeconds(60) }).KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(2), (FaultScale.Ci with { FaultDuration = TimeSpan.FromSeconds(1) }).KeepAlive);
    }
}
