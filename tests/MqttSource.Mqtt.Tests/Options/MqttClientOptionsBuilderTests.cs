using MqttSource.Mqtt.Options;
using Xunit;

namespace MqttSource.Mqtt.Tests.Options;

public sealed class MqttClientOptionsBuilderTests
{
    [Theory]
    [InlineData("mqtt://broker.local", "broker.local", 1883, false)]
    [InlineData("mqtts://broker.local", "broker.local", 8883, true)]
    [InlineData("mqtt://127.0.0.1:1999", "127.0.0.1", 1999, false)]
    [InlineData("mqtts://[::1]:8884", "::1", 8884, true)]
    public void WithConnectionUri_ValidUrl_SetsHostPortAndTls(string url, string host, int port, bool tls)
    {
        var o = new MqttClientOptionsBuilder().WithConnectionUri(url).Build();
        Assert.Equal(host, o.Host.Trim('[', ']'));
        Assert.Equal(port, o.Port);
        Assert.Equal(tls, o.Tls.UseTls);
    }

    [Fact]
    public void Build_SeveralErrors_ListsThemAll()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MqttClientOptionsBuilder()
            .WithConnectionUri("http://x")
            .WithTimeout(TimeSpan.Zero)
            .WithMaximumPacketSize(10)
            .Build());
        Assert.Contains("scheme 'http'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("timeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("maximum packet size", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_V311PersistentWithoutClientId_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanStart(false)
            .Build());
        Assert.Contains("client id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPersistentSession_SetsCleanStartOffAndExpiry()
    {
        var o = new MqttClientOptionsBuilder().WithClientId("a").WithPersistentSession(TimeSpan.FromHours(1)).Build();
        Assert.False(o.CleanStart);
        Assert.Equal(3600u, o.SessionExpiryInterval);
        var connect = o.CreateConnectPacket();
        Assert.False(connect.CleanSession);
        Assert.Equal(3600u, connect.SessionExpiryInterval);
    }

    [Fact]
    public void CreateConnectPacket_V311_SendsNoV5Properties()
    {
        var o = new MqttClientOptionsBuilder().WithProtocolVersion(MqttProtocolVersion.V311).WithClientId("a")
            .WithPersistentSession(TimeSpan.FromHours(1)).WithReceiveMaximum(10).WithMaximumPacketSize(1000).Build();
        var connect = o.CreateConnectPacket();
        Assert.Equal(0u, connect.SessionExpiryInterval);
        Assert.Equal(0, connect.ReceiveMaximum);
        Assert.Equal(0u, connect.MaximumPacketSize);
    }
}
