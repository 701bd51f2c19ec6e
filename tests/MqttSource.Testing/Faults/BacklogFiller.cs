using System.Net;
using System.Net.Sockets;

namespace MqttSource.Testing.Faults;

/// <summary>
/// Fills the accept queue of a loopback listener that has stopped accepting, with connections of its own, until the
/// kernel drops the next SYN: from then on every connect to that port hangs (the SYN is retransmitted and dropped again)
/// until the client's connect timeout. That is what a client sees of a host behind an uplink that drops packets; on
/// loopback a closed port would answer RST at once instead. Dispose closes the filling connections.
/// </summary>
public sealed class BacklogFiller : IDisposable
{
    // A loopback connect completes in well under a millisecond; one that is still pending after this long had its SYN dropped.
    private static readonly TimeSpan s_dropProbe = TimeSpan.FromMilliseconds(500);
    private const int MaxConnections = 4096;

    private readonly List<Socket> _sockets;
    private readonly HashSet<int> _localPorts;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;

    private BacklogFiller(List<Socket> sockets)
    {
        _sockets = sockets;
        _localPorts = [.. sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port)];
        if (sockets.Count == 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>How many connections it took to fill the queue.</summary>
    public int Count => _sockets.Count;

    /// <summary>
    /// Connects to 127.0.0.1:<paramref name="port"/> until a connect does not complete within half a second (the queue is
    /// full and the SYN was dropped). The listener must not be accepting.
    /// </summary>
    public static Task<BacklogFiller> FillAsync(int port, CancellationToken cancellationToken = default) =>
        Task.Run(() => Fill(port, cancellationToken), cancellationToken);

    private static BacklogFiller Fill(int port, CancellationToken cancellationToken)
    {
        var sockets = new List<Socket>();
        var target = new IPEndPoint(IPAddress.Loopback, port);
        try
        {
            while (sockets.Count < MaxConnections)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try
                {
                    socket.Connect(target);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    // The handshake is under way. poll(2) waits on the kernel's view, so a busy machine cannot make a
                    // completed connect look dropped.
                    if (!socket.Poll(s_dropProbe, SelectMode.SelectWrite))
                    {
                        socket.Dispose(); // this SYN was dropped: the queue is full
                        return new BacklogFiller(sockets);
                    }

                    if (socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error and not 0)
                    {
                        throw new SocketException(error); // refused: nothing listens there
                    }
                }

                sockets.Add(socket);
            }

            throw new InvalidOperationException($"127.0.0.1:{port} still completed connects after {MaxConnections}: is it accepting?");
        }
        catch
        {
            sockets.ForEach(s => s.Dispose());
            throw;
        }
    }

    /// <summary>Completes once the listener accepted every one of our connections again (<see cref="Claim"/>): its queue is free.</summary>
    public Task Drained => _drained.Task;

    /// <summary>
    /// True when <paramref name="remote"/> (the far end of a connection the listener accepted) is one of ours; counts it
    /// towards <see cref="Drained"/>.
    /// </summary>
    public bool Claim(EndPoint? remote)
    {
        if (remote is not IPEndPoint ip || !IPAddress.IsLoopback(ip.Address) || !_localPorts.Contains(ip.Port))
        {
            return false;
        }

        if (Interlocked.Increment(ref _claimed) >= _sockets.Count)
        {
            _drained.TrySetResult();
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _sockets.ForEach(s => s.Dispose());
}
