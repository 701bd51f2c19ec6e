using MqttSource.Mqtt.Client;
using Xunit;

namespace MqttSource.Mqtt.Tests.Client;

public sealed class PacketIdentifierProviderTests
{
    [Fact]
    public void Acquire_Never_ReturnsZeroOrAnIdInUse()
    {
        var ids = new PacketIdentifierProvider();
        var seen = new HashSet<ushort>();
        for (var i = 0; i < ushort.MaxValue; i++)
        {
            var id = ids.Acquire();
            Assert.NotEqual(0, id);
            Assert.True(seen.Add(id));
        }

        Assert.Throws<InvalidOperationException>(() => ids.Acquire());
        ids.Release(42);
        Assert.Equal(42, ids.Acquire());
    }
}
