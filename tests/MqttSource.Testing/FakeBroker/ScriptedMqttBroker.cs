using System.Net;
using System.Net.Sockets;

namespace MqttSource.Testing.FakeBroker;

/// <summary>
/// A fake broker on a loopback socket that plays a script per accepted connection: it reads what the client sends
/// and writes raw bytes (valid or malformed). Used to prove the client survives hostile brokers.
/// </summary>
public sealed class ScriptedMqttBroker : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ScriptedConnection, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = [];
    private readonly Task _acceptLoop;
    private int _connections;

    /// <summary>Starts listening; <paramref name="script"/> runs for each connection.</summary>
    public ScriptedMqttBroker(Func<ScriptedConnection, Task> script)
    {
        _script = script;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Errors thrown by scripts (assert it is empty or expected).</summary>
    public List<Exception> ScriptErrors { get; } = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var index = Interlocked.Increment(ref _connections);
            var connection = new ScriptedConnection(socket, index, _stop.Token);
            lock (_sessions)
            {
                _sessions.Add(RunAsync(connection));
            }
        }
    }

    private async Task RunAsync(ScriptedConnection connection)
    {
        try
        {
            await _script(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away: expected in these tests.
        }
        catch (Exception ex)
        {
            lock (ScriptErrors)
            {
                ScriptErrors.Add(ex);
            }
        }
        finally
        {
            connection.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        Task[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stop.Dispose();
    }
}
