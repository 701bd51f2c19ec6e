using Xunit;

namespace MqttSource.Mqtt.Tests;

public sealed class ProtocolVersionTests
{
    [Fact]
    public void ProtocolLevel_MatchesConnectByte()
    {
        Assert.Equal(4, (byte)MqttProtocolVersion.V311);
        Assert.Equal(5, (byte)MqttProtocolVersion.V500);
    }
}
