using System.Net.Sockets;

namespace MqttSource.Testing.FakeBroker;

/// <summary>One accepted client connection of a <see cref="ScriptedMqttBroker"/>.</summary>
public sealed class ScriptedConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationToken _token;
    private readonly List<byte> _received = [];

    internal ScriptedConnection(Socket socket, int index, CancellationToken token)
    {
        _socket = socket;
        Index = index;
        _token = token;
    }

    /// <summary>1 for the first connection, 2 after a reconnect, …</summary>
    public int Index { get; }

    /// <summary>Every byte received so far.</summary>
    public IReadOnlyList<byte> Received => _received;

    /// <summary>Reads until at least <paramref name="count"/> bytes arrived in total (or the client closed); returns whether they did.</summary>
    public async Task<bool> ReceiveAtLeastAsync(int count, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_token);
        cts.CancelAfter(timeout);
        var buffer = new byte[4096];
        try
        {
            while (_received.Count < count)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return false;
                }

                _received.AddRange(buffer.AsSpan(0, n));
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Reads the CONNECT packet (any first packet) — enough to answer with a CONNACK.</summary>
    public Task<bool> ReceiveConnectAsync() => ReceiveAtLeastAsync(2, TimeSpan.FromSeconds(5));

    /// <summary>Writes bytes at once.</summary>
    public async Task SendAsync(params byte[] bytes) => await _socket.SendAsync(bytes, SocketFlags.None, _token).ConfigureAwait(false);

    /// <summary>Writes bytes one at a time with a tiny pause between them.</summary>
    public async Task SendSlowlyAsync(byte[] bytes)
    {
        foreach (var b in bytes)
        {
            await _socket.SendAsync(new[] { b }, SocketFlags.None, _token).ConfigureAwait(false);
            await Task.Delay(1, _token).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the client closes the connection; true when it did within the timeout.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_token);
        cts.CancelAfter(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return true;
                }

                _received.AddRange(buffer.AsSpan(0, n));
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>Closes the connection from the broker side.</summary>
    public void Close() => _socket.Close();

    public void Dispose() => _socket.Dispose();
}
