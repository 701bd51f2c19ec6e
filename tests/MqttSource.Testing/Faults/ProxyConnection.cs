using System.Net.Sockets;

namespace MqttSource.Testing.Faults;

/// <summary>
/// One client connection a <see cref="FaultProxy"/> accepted, and its connection to the target when it forwards: two
/// pumps copy bytes both ways (a FIN is passed on as a FIN, an error as a reset), or read and discard while the
/// connection is held. Records when the client closed its side, which is how a test sees that a client gave up on a
/// frozen connection.
/// </summary>
public sealed class ProxyConnection
{
    private const int BufferSize = 16 * 1024;

    private readonly Socket _client;
    private Socket? _target;
    private int _state = (int)ProxyConnectionState.Forwarding;
    private int _finishedDirections;
    private long _clientClosedAtTicks;

    internal ProxyConnection(Socket client, ProxyMode acceptedIn, DateTimeOffset acceptedAt)
    {
        _client = client;
        AcceptedIn = acceptedIn;
        AcceptedAt = acceptedAt;
    }

    /// <summary>When the proxy accepted it.</summary>
    public DateTimeOffset AcceptedAt { get; }

    /// <summary>The proxy's mode when it was accepted.</summary>
    public ProxyMode AcceptedIn { get; }

    /// <summary>Forwarding, holding or closed.</summary>
    public ProxyConnectionState State => (ProxyConnectionState)Volatile.Read(ref _state);

    /// <summary>When the proxy saw the client close or reset its side; null while it keeps it open.</summary>
    public DateTimeOffset? ClientClosedAt => Volatile.Read(ref _clientClosedAtTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Starts copying between the client and <paramref name="target"/>.</summary>
    internal void StartForwarding(Socket target)
    {
        _target = target;
        _ = PumpAsync(_client, target, fromClient: true);
        _ = PumpAsync(target, _client, fromClient: false);
    }

    /// <summary>Keeps the client connection open without a target: what the client sends is read and discarded.</summary>
    internal void StartHolding()
    {
        Volatile.Write(ref _state, (int)ProxyConnectionState.Holding);
        _ = PumpAsync(_client, null, fromClient: true);
    }

    /// <summary>Stops forwarding; both sockets stay open and what arrives is discarded.</summary>
    internal void Hold() => Interlocked.CompareExchange(ref _state, (int)ProxyConnectionState.Holding, (int)ProxyConnectionState.Forwarding);

    /// <summary>Resets both sides (RST, linger 0).</summary>
    internal void Reset()
    {
        if (Interlocked.Exchange(ref _state, (int)ProxyConnectionState.Closed) == (int)ProxyConnectionState.Closed)
        {
            return;
        }

        Abort(_client);
        Abort(_target);
    }

    /// <summary>Closes both sides gracefully (FIN).</summary>
    internal void Close()
    {
        if (Interlocked.Exchange(ref _state, (int)ProxyConnectionState.Closed) == (int)ProxyConnectionState.Closed)
        {
            return;
        }

        Shut(_client);
        Shut(_target);
    }

    /// <summary>Resets a socket: linger 0, so closing it sends RST instead of FIN.</summary>
    internal static void Abort(Socket? socket)
    {
        if (socket is null)
        {
            return;
        }

        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        socket.Dispose();
    }

    private static void Shut(Socket? socket)
    {
        if (socket is null)
        {
            return;
        }

        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        socket.Dispose();
    }

    private async Task PumpAsync(Socket from, Socket? to, bool fromClient)
    {
        var buffer = new byte[BufferSize];
        while (true)
        {
            int read;
            try
            {
                read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                read = -1;
            }

            if (read <= 0)
            {
                if (fromClient)
                {
                    Interlocked.CompareExchange(ref _clientClosedAtTicks, DateTimeOffset.UtcNow.UtcTicks, 0);
                }

                EndDirection(to, reset: read < 0);
                return;
            }

            if (State != ProxyConnectionState.Forwarding || to is null)
            {
                continue; // held: read and discard, so that a close is still seen
            }

            try
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Reset();
                return;
            }
        }
    }

    private void EndDirection(Socket? to, bool reset)
    {
        // A held connection is a partition: neither a FIN nor a reset gets through; the proxy resets it when the fault heals.
        if (State != ProxyConnectionState.Forwarding)
        {
            return;
        }

        if (reset || to is null)
        {
            Reset();
            return;
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Reset();
            return;
        }

        if (Interlocked.Increment(ref _finishedDirections) == 2)
        {
            Close();
        }
    }
}
