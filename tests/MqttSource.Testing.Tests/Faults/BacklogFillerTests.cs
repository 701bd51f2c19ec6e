using System.Net;
using System.Net.Sockets;
using MqttSource.Testing.Faults;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

public sealed class BacklogFillerTests
{
    [Fact]
    public async Task FillAsync_ListenerThatDoesNotAccept_NextConnectHangsUntilItsConnectionsAreAccepted()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(2);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        using var filler = await BacklogFiller.FillAsync(port);

        Assert.InRange(filler.Count, 1, 64);
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1.5)); // beyond the first SYN retransmission
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late.ConnectAsync(IPAddress.Loopback, port, limit.Token).AsTask());
        Assert.False(filler.Claim(new IPEndPoint(IPAddress.Loopback, port)));
        Assert.False(filler.Drained.IsCompleted);
        for (var i = 0; i < filler.Count; i++)
        {
            using var queued = await listener.AcceptAsync();
            Assert.True(filler.Claim(queued.RemoteEndPoint));
        }

        Assert.True(filler.Drained.IsCompleted);
    }
}
