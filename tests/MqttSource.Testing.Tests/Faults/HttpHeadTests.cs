using System.Net;
using System.Net.Sockets;
using System.Text;
using MqttSource.Testing.Faults;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

public sealed class HttpHeadTests
{
    private static async Task<(Socket Client, Socket Server)> PairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (client, await listener.AcceptAsync());
    }

    [Fact]
    public async Task ReadAsync_HeadSplitAcrossWrites_ReturnsItWithTheBodyBytesThatCameAlong()
    {
        var (client, server) = await PairAsync();
        using (client)
        using (server)
        {
            await client.SendAsync("POST / HTTP/1.1\r\nHost: x\r"u8.ToArray());
            var reading = HttpHead.ReadAsync(server, CancellationToken.None);
            await client.SendAsync("\n\r\nbody"u8.ToArray());

            var head = await reading;

            Assert.NotNull(head);
            Assert.StartsWith("POST / HTTP/1.1\r\nHost: x\r\n\r\n", Encoding.ASCII.GetString(head), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadAsync_PeerClosesBeforeTheEnd_ReturnsNull()
    {
        var (client, server) = await PairAsync();
        using (server)
        {
            await client.SendAsync("GET / HTTP/1.1\r\n"u8.ToArray());
            client.Shutdown(SocketShutdown.Send);
            client.Dispose();

            Assert.Null(await HttpHead.ReadAsync(server, CancellationToken.None));
        }
    }

    [Fact]
    public async Task ReadAsync_NoEndWithinTheLimit_Throws()
    {
        var (client, server) = await PairAsync();
        using (client)
        using (server)
        {
            var sending = client.SendAsync(new byte[HttpHead.MaxLength + 10]);

            await Assert.ThrowsAsync<InvalidDataException>(() => HttpHead.ReadAsync(server, CancellationToken.None));
            await sending;
        }
    }

    [Fact]
    public void ResponseHead_503_StatusLineAndContentLength()
    {
        var head = Encoding.ASCII.GetString(HttpHead.ResponseHead(503, 1024));

        Assert.Equal("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 1024\r\n\r\n", head);
    }
}
