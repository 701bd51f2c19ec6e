using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using MqttSource.Mqtt.Options;

namespace MqttSource.Mqtt.Transport;

/// <summary>
/// A connected byte stream to the broker exposed as pipes: TCP (no Nagle) optionally wrapped in TLS.
/// Network and TLS exceptions are translated into <see cref="MqttCommunicationException"/> here, once.
/// </summary>
internal sealed class MqttTransport : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;

    private MqttTransport(Socket socket, Stream stream, int readBufferSize)
    {
        _socket = socket;
        _stream = stream;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: readBufferSize, minimumReadSize: Math.Min(4096, readBufferSize), leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 4096, leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>
    /// Opens a TCP connection (and TLS handshake when configured). Name resolution and TCP connect, then the TLS handshake,
    /// each get <see cref="MqttClientOptions.Timeout"/>: a broker behind a link that drops packets must not hang us.
    /// </summary>
    public static async Task<MqttTransport> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var stage = "TCP connect to";
        try
        {
            timeout.CancelAfter(options.Timeout);
            await socket.ConnectAsync(options.Host, options.Port, linked.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (options.Tls.UseTls)
            {
                stage = "TLS handshake with";
                timeout.CancelAfter(options.Timeout);
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                var validator = new TlsCertificateValidator(options.Tls);
                var auth = new SslClientAuthenticationOptions
                {
                    TargetHost = options.Tls.TargetHost ?? options.Host,
                    EnabledSslProtocols = options.Tls.SslProtocols,
                    RemoteCertificateValidationCallback = validator.Validate,
                    ClientCertificates = options.Tls.ClientCertificate is { } cert ? [cert] : null,
                };
                await ssl.AuthenticateAsClientAsync(auth, linked.Token).ConfigureAwait(false);
            }

            return new MqttTransport(socket, stream, options.ReadBufferSize);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw new MqttCommunicationException($"{stage} {options.Host}:{options.Port} timed out after {options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw new MqttCommunicationException(Describe(ex, options), ex);
        }
        catch
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw;
        }
    }

    private static async ValueTask DisposeQuietlyAsync(Stream? stream, Socket socket)
    {
        if (stream is not null)
        {
            await Quietly(stream.DisposeAsync()).ConfigureAwait(false);
        }

        socket.Dispose();
    }

    private static string Describe(Exception ex, MqttClientOptions options) => ex switch
    {
        System.Security.Authentication.AuthenticationException => $"TLS handshake with {options.Host}:{options.Port} failed: {ex.Message}",
        _ => $"Cannot connect to {options.Host}:{options.Port}: {ex.Message}",
    };

    /// <summary>Best effort: writes one last packet (a DISCONNECT with a reason) directly, waiting at most a second.</summary>
    public async Task TrySendAsync(Packets.MqttPacket packet, MqttProtocolVersion version, TimeProvider time)
    {
        try
        {
            Formatting.MqttPacketFormatter.Encode(packet, version, Output);
            await Output.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(1), time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException or TimeoutException or MqttProtocolViolationException)
        {
            // The connection is going away anyway.
        }
    }

    /// <summary>Aborts the connection at once (no graceful close).</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await Quietly(Input.CompleteAsync()).ConfigureAwait(false);
        await Quietly(Output.CompleteAsync()).ConfigureAwait(false);
        await Quietly(_stream.DisposeAsync()).ConfigureAwait(false);
        _socket.Dispose();
    }

    /// <summary>Closing a broken connection may throw on the buffered bytes it tries to flush; that is expected here.</summary>
    private static async ValueTask Quietly(ValueTask closing)
    {
        try
        {
            await closing.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException or System.Security.Authentication.AuthenticationException)
        {
            // The peer is gone already.
        }
    }
}
