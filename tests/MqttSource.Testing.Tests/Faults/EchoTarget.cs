using System.Net;
using System.Net.Sockets;

namespace MqttSource.Testing.Tests.Faults;

/// <summary>A loopback TCP echo server for the proxy tests: sends back what it reads; counts connections the far side closed.</summary>
internal sealed class EchoTarget : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _closed;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections whose far side closed or reset.</summary>
    public int Closed => Volatile.Read(ref _closed);

    public static Task<EchoTarget> StartAsync()
    {
        var target = new EchoTarget();
        target._listener.Start();
        target._loop = target.AcceptAsync();
        return Task.FromResult(target);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = EchoAsync(socket);
        }
    }

    private async Task EchoAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[4096];
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                {
                    await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // Reset or stopped.
            }

            Interlocked.Increment(ref _closed);
        }
    }
}
