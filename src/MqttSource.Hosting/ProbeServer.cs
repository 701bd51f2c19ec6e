using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MqttSource.Hosting;

/// <summary>
/// The adapter's and the controller's listener for <c>/health</c>, <c>/readiness</c> and <c>/metrics</c>: HTTP/1.1 GET and
/// HEAD with keep-alive, nothing more — kubelet probes and Prometheus scrapes. Kept this small on purpose (ASP.NET Core's
/// host and Kestrel cost the adapter 14 MB of RSS). Bounded: at most <see cref="MaxConnections"/> connections (more wait in the backlog), a
/// request head of at most 8 KiB (431), <see cref="RequestTimeout"/> to send one (slow or idle clients are closed), a
/// malformed head gets 400 and a close, any other method 405; a request with a body is answered and the connection closed.
/// </summary>
public sealed class ProbeServer : IAsyncDisposable
{
    public const int MaxConnections = 32;
    public const int MaxRequestHead = 8 * 1024;
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _listener;
    private readonly Func<string, ProbeResponse> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots = new(MaxConnections, MaxConnections);
    private readonly Task _accepting;
    private readonly TimeSpan _requestTimeout;
    private int _disposed;

    private ProbeServer(Socket listener, Func<string, ProbeResponse> handler, TimeSpan requestTimeout)
    {
        _listener = listener;
        _requestTimeout = requestTimeout;
        _handler = handler;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _accepting = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The address and port listened on (the port the system chose when asked for 0).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Binds and starts answering; throws <see cref="SocketException"/> (e.g. address in use) when it cannot listen.</summary>
    public static ProbeServer Start(IPAddress address, int port, Func<string, ProbeResponse> handler, TimeSpan? requestTimeout = null)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(64);
            return new ProbeServer(socket, handler, requestTimeout ?? DefaultRequestTimeout);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
                try
                {
                    connection = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch
                {
                    _slots.Release();
                    throw;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before it was accepted, or out of descriptors for a moment: pause, do not spin.
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        try
        {
            connection.NoDelay = true;
            var buffer = new byte[MaxRequestHead];
            var filled = 0;
            while (true)
            {
                int headEnd;
                using (var receiving = Deadline())
                {
                    while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        if (filled == buffer.Length)
                        {
                            using var sending = Deadline();
                            await SendAsync(connection, new ProbeResponse(431, "request head larger than 8 KiB\n"), false, true, sending.Token).ConfigureAwait(false);
                            return;
                        }

                        var read = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, receiving.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return;
                        }

                        filled += read;
                    }
                }

                var request = ProbeRequest.Parse(buffer.AsSpan(0, headEnd));
                var close = request is null || !request.KeepAlive || request.HasBody || _stopping.IsCancellationRequested;
                var response = request switch
                {
                    null => new ProbeResponse(400, "bad request: not an HTTP/1.1 request head\n"),
                    { Method: "GET" or "HEAD" } => Answer(request.Path),
                    _ => new ProbeResponse(405, "method not allowed: GET or HEAD\n"),
                };
                using (var sending = Deadline())
                {
                    await SendAsync(connection, response, request?.Method == "HEAD", close, sending.Token).ConfigureAwait(false);
                }

                if (close)
                {
                    return;
                }

                var consumed = headEnd + 4;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away, was too slow, or the listener is stopping: nothing to answer.
        }
        finally
        {
            connection.Dispose();
            _slots.Release();
        }
    }

    /// <summary>The client's time to send one request head, or to take one answer: the handler's own time is not counted.</summary>
    private CancellationTokenSource Deadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        deadline.CancelAfter(_requestTimeout);
        return deadline;
    }

    private ProbeResponse Answer(string path)
    {
        try
        {
            return _handler(path);
        }
        catch (Exception ex)
        {
            return new ProbeResponse(500, $"internal error: {ex.GetType().Name}: {ex.Message}\n");
        }
    }

    private static async Task SendAsync(Socket connection, ProbeResponse response, bool headOnly, bool close, CancellationToken cancellationToken)
    {
        var bodyLength = Encoding.UTF8.GetByteCount(response.Body);
        var head = $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\nDate: {DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture)}\r\n" +
            $"Content-Type: {response.ContentType}\r\nContent-Length: {bodyLength}\r\n" +
            (response.Status == 405 ? "Allow: GET, HEAD\r\n" : string.Empty) + (close ? "Connection: close\r\n\r\n" : "\r\n");
        var bytes = new byte[head.Length + (headOnly ? 0 : bodyLength)];
        Encoding.ASCII.GetBytes(head, bytes);
        if (!headOnly)
        {
            Encoding.UTF8.GetBytes(response.Body, bytes.AsSpan(head.Length));
        }

        await connection.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (close)
        {
            await CloseGracefullyAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends FIN, then reads and drops what the client still sends (an unread body or the rest of a huge head) for a moment:
    /// closing with unread bytes would reset the connection, and the client could lose the answer before it reads it.
    /// </summary>
    private static async Task CloseGracefullyAsync(Socket connection, CancellationToken cancellationToken)
    {
        connection.Shutdown(SocketShutdown.Send);
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linger.CancelAfter(TimeSpan.FromSeconds(1));
        var discard = new byte[1024];
        for (var total = 0; total < 64 * 1024;)
        {
            var read = await connection.ReceiveAsync(discard, SocketFlags.None, linger.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            total += read;
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
