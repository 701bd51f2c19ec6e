using System.Net;
using System.Net.Sockets;

namespace MqttSource.Testing;

/// <summary>Free loopback ports for servers started by tests.</summary>
public static class TestPorts
{
    /// <summary>Asks the kernel for a free TCP port on 127.0.0.1 (binds port 0, reads it, releases it).
    /// Another process may take it before it is used again: callers that bind it retry on "address in use".</summary>
    public static int GetFreeTcpPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    // A SYN that reaches a listener in the instant it starts is sometimes dropped and only retransmitted
    // after up to a second; giving up early and trying a fresh connection is faster.
    private static readonly TimeSpan s_connectAttemptTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>True when something accepts a TCP connection on 127.0.0.1:<paramref name="port"/> within 200 ms.</summary>
    public static async Task<bool> AcceptsConnectionAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(s_connectAttemptTimeout);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
