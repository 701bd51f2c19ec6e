using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using MqttSource.Mqtt.Formatting;
using MqttSource.Mqtt.Options;
using MqttSource.Mqtt.Packets;
using MqttSource.Mqtt.Transport;

namespace MqttSource.Mqtt.Client;

/// <summary>
/// One live connection: CONNECT/CONNACK, a reader loop that decodes and dispatches, a writer loop that batches
/// outgoing packets into one flush, keep alive, packet-id correlation and ordered acknowledgements.
/// It ends exactly once (<see cref="Completion"/>); the client then decides about reconnecting.
/// </summary>
internal sealed class MqttConnection : IAsyncDisposable
{
    private readonly MqttTransport _transport;
    private readonly MqttClientOptions _options;
    private readonly TimeProvider _time;
    private readonly InboundDispatcher _inbound;
    private readonly int _generation;
    private readonly Action _onOversized;
    private readonly Channel<MqttPacket> _outgoing = Channel.CreateUnbounded<MqttPacket>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly PendingResponses _pending = new();
    private readonly PacketIdentifierProvider _ids;
    private readonly TaskCompletionSource<MqttClientDisconnectedEventArgs> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TopicAliasMap _topicAliases = new();
    private readonly KeepAliveMonitor _keepAlive;
    private OutboundPublisher? _publisher;
    private Task? _loops;

    public MqttConnection(MqttTransport transport, MqttClientOptions options, TimeProvider time, PacketIdentifierProvider ids, InboundDispatcher inbound, int generation, Action? onOversized = null)
    {
        _onOversized = onOversized ?? (static () => { });
        _keepAlive = new KeepAliveMonitor(time);
        _transport = transport;
        _options = options;
        _time = time;
        _ids = ids;
        _inbound = inbound;
        _generation = generation;
        Acks = new InboundAckQueue(p => _outgoing.Writer.TryWrite(p), time);
    }

    /// <summary>The number of this connection among the client's connections (1, 2, ...).</summary>
    public int Generation => _generation;

    public InboundAckQueue Acks { get; }

    /// <summary>Completes once, when the connection has ended, with why.</summary>
    public Task<MqttClientDisconnectedEventArgs> Completion => _completion.Task;

    public MqttClientConnectResult? ConnectResult { get; private set; }

    private MqttProtocolVersion Version => _options.ProtocolVersion;

    /// <summary>Sends CONNECT, awaits CONNACK (within the timeout), then starts the loops.</summary>
    public async Task<MqttClientConnectResult> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            MqttPacketFormatter.Encode(_options.CreateConnectPacket(), Version, _transport.Output);
            await _transport.Output.FlushAsync(linked.Token).ConfigureAwait(false);
            var first = await ReadPacketAsync(linked.Token).ConfigureAwait(false);
            if (first is not MqttConnAckPacket connAck)
            {
                throw new MqttProtocolViolationException($"Expected CONNACK, received {first?.PacketType.ToString() ?? "end of stream"}.") { ReasonCode = MqttReasonCode.ProtocolError };
            }

            if ((byte)connAck.ReasonCode >= 0x80 || (Version == MqttProtocolVersion.V311 && connAck.ReasonCode != MqttReasonCode.Success))
            {
                throw new MqttConnectingFailedException(connAck.ReasonCode, connAck.ReasonString);
            }

            ConnectResult = new MqttClientConnectResult(connAck);
            var inflight = Math.Max(1, Math.Min(_options.MaximumOutgoingInflight, (int)ConnectResult.ReceiveMaximum));
            _publisher = new OutboundPublisher(inflight, _ids, Send, RequestAsync);
            _keepAlive.Received();
            _keepAlive.Sent();
            _loops = Task.WhenAll(Task.Run(ReadLoopAsync, CancellationToken.None), Task.Run(WriteLoopAsync, CancellationToken.None), Task.Run(KeepAliveLoopAsync, CancellationToken.None));
            return ConnectResult;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MqttCommunicationException($"No CONNACK from {_options.Host}:{_options.Port} within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            throw new MqttCommunicationException($"Connection to {_options.Host}:{_options.Port} lost during CONNECT: {ex.Message}", ex);
        }
    }

    /// <summary>Queues a packet for the writer loop (packets go out in queue order).</summary>
    public void Send(MqttPacket packet)
    {
        if (!_outgoing.Writer.TryWrite(packet))
        {
            throw new MqttCommunicationException("The connection is closed.");
        }
    }

    /// <summary>Sends a request and awaits the response of type <paramref name="responseType"/> for its identifier.</summary>
    public async Task<MqttPacket> RequestAsync(MqttPacket request, ushort packetIdentifier, MqttPacketType responseType, CancellationToken cancellationToken)
    {
        var response = _pending.Register(packetIdentifier, responseType);
        try
        {
            Send(request);
            while (true)
            {
                var waitingSince = _time.GetTimestamp();
                try
                {
                    return await response.WaitAsync(_options.Timeout, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException) when (_keepAlive.PausedSince(waitingSince))
                {
                    // The reader stopped reading for backpressure meanwhile: the answer may be waiting behind it. Wait on.
                }
            }
        }
        catch (TimeoutException)
        {
            throw new MqttCommunicationException($"No {responseType} for packet {packetIdentifier} within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        finally
        {
            _pending.Cancel(packetIdentifier);
        }
    }

    /// <summary>Publishes with the QoS of the message, honouring the in-flight limit.</summary>
    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        (_publisher ?? throw new MqttCommunicationException("Not connected.")).PublishAsync(message, cancellationToken);

    /// <summary>Sends DISCONNECT (best effort, after everything queued before it) and ends the connection.</summary>
    public async Task DisconnectAsync(MqttDisconnectPacket packet, CancellationToken cancellationToken)
    {
        if (_outgoing.Writer.TryWrite(packet))
        {
            _outgoing.Writer.TryComplete();
            try
            {
                await (_loops ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(2), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                // Closing anyway.
            }
        }

        End(new MqttClientDisconnectedEventArgs(true, "Disconnected by the client.", packet.ReasonCode, null));
    }

    private async Task<MqttPacket?> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (MqttPacketFormatter.TryDecode(buffer, Version, _options.MaximumPacketSize, out var packet, out var consumed))
            {
                input.AdvanceTo(consumed);
                return packet;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        var token = _stop.Token;
        try
        {
            var reader = new InboundReader(_transport.Input, Version, _options.MaximumPacketSize, _inbound.Budget, _keepAlive);
            await reader.RunAsync(OnPublish, OnControl, OnOversized, token).ConfigureAwait(false);
            End(new MqttClientDisconnectedEventArgs(true, "The broker closed the connection.", null, null));
        }
        catch (MqttProtocolViolationException ex)
        {
            if (Version == MqttProtocolVersion.V500)
            {
                _outgoing.Writer.TryComplete();
                var reason = ex.Message.Length <= 200 ? ex.Message : ex.Message[..200];
                await _transport.TrySendAsync(new MqttDisconnectPacket { ReasonCode = ex.ReasonCode, ReasonString = reason }, Version, _time).ConfigureAwait(false);
            }

            End(new MqttClientDisconnectedEventArgs(true, $"Protocol violation by the broker: {ex.Message}", ex.ReasonCode, ex));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ended elsewhere.
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            End(new MqttClientDisconnectedEventArgs(true, $"Connection lost: {ex.Message}", null, new MqttCommunicationException(ex.Message, ex)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not a network failure: a bug. The connection must not live on without its reader; the client reconnects.
            End(Unexpected("reading", ex));
        }
    }

    private static MqttClientDisconnectedEventArgs Unexpected(string activity, Exception ex) =>
        new(true, $"Unexpected {ex.GetType().Name} while {activity}: {ex.Message}", MqttReasonCode.UnspecifiedError, new MqttCommunicationException(ex.Message, ex));

    private void OnOversized(MqttQualityOfServiceLevel qos, ushort packetIdentifier)
    {
        Acks.Add(packetIdentifier, qos)?.Complete(MqttReasonCode.Success);
        _onOversized();
    }

    private void OnControl(MqttPacket packet)
    {
        switch (packet)
        {
            case MqttPubRelPacket rel:
                // The broker released a QoS 2 message we PUBREC'd (possibly on an earlier connection of this session).
                Send(new MqttPubCompPacket { PacketIdentifier = rel.PacketIdentifier });
                break;
            case MqttPubAckPacket or MqttPubRecPacket or MqttPubCompPacket:
                _pending.TryComplete(((MqttAckPacket)packet).PacketIdentifier, packet);
                break;
            case MqttSubAckPacket subAck:
                _pending.TryComplete(subAck.PacketIdentifier, packet);
                break;
            case MqttUnsubAckPacket unsubAck:
                _pending.TryComplete(unsubAck.PacketIdentifier, packet);
                break;
            case MqttPingRespPacket:
                _keepAlive.PingAnswered();
                break;
            case MqttDisconnectPacket disconnect:
                End(new MqttClientDisconnectedEventArgs(true, $"The broker disconnected: {disconnect.ReasonCode}{(disconnect.ReasonString is null ? string.Empty : " — " + disconnect.ReasonString)}", disconnect.ReasonCode, null));
                break;
            case MqttAuthPacket:
                throw new MqttProtocolViolationException("Enhanced authentication (AUTH) is not supported by this client.") { ReasonCode = MqttReasonCode.ProtocolError };
            default:
                throw new MqttProtocolViolationException($"Unexpected {packet.PacketType} from the broker.") { ReasonCode = MqttReasonCode.ProtocolError };
        }
    }

    /// <summary>Hands a PUBLISH to the dispatcher (the reader charged the budget); the reader never waits for the application.</summary>
    private void OnPublish(MqttPublishPacket publish, long cost)
    {
        var message = publish.Message;
        _topicAliases.Resolve(message);
        var arrived = _time.GetTimestamp();
        var ack = Acks.Add(publish.PacketIdentifier, message.QualityOfServiceLevel);
        var args = new MqttApplicationMessageReceivedEventArgs(message, publish.PacketIdentifier, _options.ClientId, ack);
        _inbound.Enqueue(new InboundMessage(args, cost, _generation, Abort, arrived));
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        var output = _transport.Output;
        var token = _stop.Token;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var packet))
                {
                    MqttPacketFormatter.Encode(packet, Version, output);
                }

                _keepAlive.Sent();
                var flush = await output.FlushAsync(token).ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ended elsewhere.
        }
        catch (MqttProtocolViolationException ex)
        {
            End(new MqttClientDisconnectedEventArgs(true, $"Cannot encode a packet: {ex.Message}", null, ex));
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            End(new MqttClientDisconnectedEventArgs(true, $"Connection lost while sending: {ex.Message}", null, new MqttCommunicationException(ex.Message, ex)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            End(Unexpected("sending", ex));
        }
    }

    private Task KeepAliveLoopAsync()
    {
        var period = ConnectResult?.ServerKeepAlive is { } serverKeepAlive ? TimeSpan.FromSeconds(serverKeepAlive) : _options.KeepAlivePeriod;
        var timeout = _options.EffectiveKeepAliveTimeout;
        return _keepAlive.RunAsync(
            period,
            timeout,
            () => Send(MqttPingReqPacket.Instance),
            () => End(new MqttClientDisconnectedEventArgs(true, $"No answer from the broker within {timeout.TotalSeconds:0.###} s of a PINGREQ: the connection is dead.", MqttReasonCode.KeepAliveTimeout, new MqttCommunicationException("Keep alive timeout."))),
            _stop.Token);
    }

    /// <summary>Ends the connection once: stops the loops, abandons pending acks, fails waiting requests.</summary>
    private void End(MqttClientDisconnectedEventArgs reason)
    {
        if (!_completion.TrySetResult(reason))
        {
            return;
        }

        Acks.Abandon();
        _outgoing.Writer.TryComplete();
        _pending.FailAll(new MqttCommunicationException("The connection was lost: " + reason.Reason, reason.Exception ?? new IOException(reason.Reason)));
        _transport.Abort();
        _stop.Cancel();
    }

    /// <summary>Ends the connection without DISCONNECT (used for dispose and for tests that simulate a crash).</summary>
    public void Abort(string reason) => End(new MqttClientDisconnectedEventArgs(true, reason, null, null));

    public async ValueTask DisposeAsync()
    {
        Abort("Disposed.");
        if (_loops is not null)
        {
            try
            {
                await _loops.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
            {
                // Loops report through End.
            }
        }

        await _transport.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _publisher?.Dispose();
    }
}
