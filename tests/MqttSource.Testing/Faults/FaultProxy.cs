using System.Net;
using System.Net.Sockets;

namespace MqttSource.Testing.Faults;

/// <summary>
/// A TCP proxy on a free 127.0.0.1 port in front of a target (a sink or a broker) that injects network faults on demand:
/// freeze (half-open), unreachable (connects time out), reset, HTTP hangs after the request or the response head — and
/// heals. Every accepted connection is kept in <see cref="Connections"/> with when the client gave up on it.
/// Start with <see cref="Start"/>; dispose to stop.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private const int ListenBacklog = 16;
    private static readonly TimeSpan s_targetConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Lock _gate = new();
    private readonly List<ProxyConnection> _connections = [];
    private readonly List<BacklogFiller> _fillers = [];
    private readonly CancellationTokenSource _disposed = new();
    private readonly SemaphoreSlim _modeChange = new(1, 1);
    private ProxyMode _mode = ProxyMode.Forward;
    private int _hangStatusCode = 503;
    private CancellationTokenSource _pauseAccept = new();
    private TaskCompletionSource _acceptPaused = NewSignal();
    private TaskCompletionSource _resumeAccept = NewSignal();
    private Task _acceptLoop = Task.CompletedTask;

    private FaultProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(ListenBacklog);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
    }

    /// <summary>The proxy's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port/</c>, to put the proxy in front of an HTTP sink.</summary>
    public Uri HttpUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary><c>mqtt://127.0.0.1:port</c>, to put the proxy in front of a broker.</summary>
    public Uri MqttUrl => new($"mqtt://127.0.0.1:{Port}");

    /// <summary>What it does now.</summary>
    public ProxyMode Mode
    {
        get
        {
            lock (_gate)
            {
                return _mode;
            }
        }
    }

    /// <summary>Every connection accepted so far, in order.</summary>
    public IReadOnlyList<ProxyConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Starts a proxy to <paramref name="targetHost"/>:<paramref name="targetPort"/>, forwarding.</summary>
    public static FaultProxy Start(string targetHost, int targetPort)
    {
        var proxy = new FaultProxy(targetHost, targetPort);
        proxy._acceptLoop = Task.Run(proxy.AcceptLoopAsync);
        return proxy;
    }

    /// <summary>Starts a proxy in front of <paramref name="target"/> (its host and port).</summary>
    public static FaultProxy Start(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Start(target.Host, target.Port);
    }

    /// <summary>A partition: open connections stop forwarding but stay open (half-open), new connects time out.</summary>
    public Task FreezeAsync() => SetModeAsync(ProxyMode.Freeze);

    /// <summary>Open connections are closed, new connects time out.</summary>
    public Task MakeUnreachableAsync() => SetModeAsync(ProxyMode.Unreachable);

    /// <summary>Open connections are reset; new ones are reset on their first bytes.</summary>
    public Task ResetAsync() => SetModeAsync(ProxyMode.Reset);

    /// <summary>Open connections are closed; new ones get their HTTP request head read and no answer.</summary>
    public Task HangAfterRequestHeadAsync() => SetModeAsync(ProxyMode.HangAfterRequestHead);

    /// <summary>Open connections are closed; new ones get a <paramref name="statusCode"/> response head promising a body that never comes.</summary>
    public Task HangAfterResponseHeadAsync(int statusCode = 503)
    {
        if (statusCode is < 300 or > 599)
        {
            // A 2xx head would tell the client its request was accepted by a sink that never saw it.
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "an error status (3xx-5xx): the proxy does not forward the request");
        }

        Volatile.Write(ref _hangStatusCode, statusCode);
        return SetModeAsync(ProxyMode.HangAfterResponseHead);
    }

    /// <summary>Back to forwarding: held (frozen or hung) connections are reset — their peers forgot them — and connects work again.</summary>
    public Task HealAsync() => SetModeAsync(ProxyMode.Forward);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        foreach (var connection in Connections)
        {
            connection.Reset();
        }

        lock (_gate)
        {
            _fillers.ForEach(f => f.Dispose());
        }

        _modeChange.Dispose();
        _pauseAccept.Dispose();
        _disposed.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"fault proxy 127.0.0.1:{Port} -> {_targetHost}:{_targetPort} ({Mode})";

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static bool RefusesConnects(ProxyMode mode) => mode is ProxyMode.Freeze or ProxyMode.Unreachable;

    private async Task SetModeAsync(ProxyMode mode)
    {
        await _modeChange.WaitAsync(_disposed.Token).ConfigureAwait(false);
        try
        {
            ProxyMode previous;
            List<ProxyConnection> open;
            lock (_gate)
            {
                previous = _mode;
                _mode = mode;
                open = [.. _connections.Where(c => c.State != ProxyConnectionState.Closed)];
            }

            foreach (var connection in open)
            {
                Apply(mode, connection);
            }

            if (RefusesConnects(mode) && !RefusesConnects(previous))
            {
                // Stop accepting, then let the kernel's accept queue fill up so that it drops further SYNs.
                await _pauseAccept.CancelAsync().ConfigureAwait(false);
                await _acceptPaused.Task.WaitAsync(_disposed.Token).ConfigureAwait(false);
                var filler = await BacklogFiller.FillAsync(Port, _disposed.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _fillers.Add(filler);
                }
            }
            else if (!RefusesConnects(mode) && RefusesConnects(previous))
            {
                _pauseAccept.Dispose();
                _pauseAccept = new CancellationTokenSource();
                _acceptPaused = NewSignal();
                Interlocked.Exchange(ref _resumeAccept, NewSignal()).TrySetResult();

                // Healed once the queue is free again: a SYN dropped now would only be retried a second later.
                List<BacklogFiller> fillers;
                lock (_gate)
                {
                    fillers = [.. _fillers];
                }

                await Task.WhenAll(fillers.Select(f => f.Drained)).WaitAsync(s_targetConnectTimeout, _disposed.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            _modeChange.Release();
        }
    }

    private static void Apply(ProxyMode mode, ProxyConnection connection)
    {
        switch (mode)
        {
            case ProxyMode.Forward when connection.State == ProxyConnectionState.Holding:
            case ProxyMode.Reset:
                connection.Reset();
                break;
            case ProxyMode.Freeze:
                connection.Hold();
                break;
            case ProxyMode.Unreachable or ProxyMode.HangAfterRequestHead or ProxyMode.HangAfterResponseHead:
                connection.Close();
                break;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            if (RefusesConnects(Mode))
            {
                _acceptPaused.TrySetResult();
                await Volatile.Read(ref _resumeAccept).Task.WaitAsync(_disposed.Token).ConfigureAwait(false);
                continue;
            }

            Socket socket;
            try
            {
                using var accepting = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token, _pauseAccept.Token);
                socket = await _listener.AcceptAsync(accepting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_disposed.IsCancellationRequested)
            {
                continue; // paused by a mode change
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = HandleAsync(socket);
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        bool filler;
        lock (_gate)
        {
            filler = _fillers.Any(f => f.Claim(socket.RemoteEndPoint));
        }

        if (filler)
        {
            socket.Dispose(); // our own, from a fault that has healed
            return;
        }

        socket.NoDelay = true;
        var mode = Mode;
        var connection = new ProxyConnection(socket, mode, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            _connections.Add(connection);
        }

        try
        {
            await RunAsync(connection, socket, mode).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidDataException)
        {
            connection.Reset();
        }
    }

    private async Task RunAsync(ProxyConnection connection, Socket client, ProxyMode mode)
    {
        var token = _disposed.Token;
        switch (mode)
        {
            case ProxyMode.Forward:
                var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                using (var limit = CancellationTokenSource.CreateLinkedTokenSource(token))
                {
                    limit.CancelAfter(s_targetConnectTimeout);
                    try
                    {
                        await target.ConnectAsync(_targetHost, _targetPort, limit.Token).ConfigureAwait(false);
                    }
                    catch
                    {
                        target.Dispose();
                        throw;
                    }
                }

                connection.StartForwarding(target);
                break;
            case ProxyMode.Freeze:
                connection.StartHolding(); // accepted just as the freeze began
                break;
            case ProxyMode.Unreachable:
                connection.Close();
                break;
            case ProxyMode.Reset:
                await client.ReceiveAsync(new byte[1], SocketFlags.None, token).ConfigureAwait(false);
                connection.Reset();
                break;
            case ProxyMode.HangAfterRequestHead or ProxyMode.HangAfterResponseHead:
                if (await HttpHead.ReadAsync(client, token).ConfigureAwait(false) is null)
                {
                    connection.Close();
                    return;
                }

                if (mode == ProxyMode.HangAfterResponseHead)
                {
                    await client.SendAsync(HttpHead.ResponseHead(Volatile.Read(ref _hangStatusCode), 1024), SocketFlags.None, token).ConfigureAwait(false);
                }

                connection.StartHolding();
                break;
        }
    }
}
