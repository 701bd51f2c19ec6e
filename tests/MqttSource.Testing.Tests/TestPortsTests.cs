using System.Net;
using System.Net.Sockets;
using Xunit;

namespace MqttSource.Testing.Tests;

public sealed class TestPortsTests
{
    [Fact]
    public async Task GetFreeTcpPort_ReturnsBindablePort_ThatAcceptsOnceListening()
    {
        var port = TestPorts.GetFreeTcpPort();
        Assert.NotEqual(1883, port);
        Assert.False(await TestPorts.AcceptsConnectionAsync(port));

        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            Assert.True(await TestPorts.AcceptsConnectionAsync(port));
        }
        finally
        {
            listener.Stop();
        }
    }
}
