using MqttSource.Mqtt.Options;
using MqttSource.Mqtt.Packets;
using MqttSource.Mqtt.Transport;

namespace MqttSource.Mqtt.Client;

/// <summary>
/// An MQTT 3.1.1/5.0 client. <see cref="ConnectAsync"/> makes one connection; <see cref="StartAsync"/> keeps the client
/// connected: it reconnects with jittered exponential backoff and re-makes every subscription after each reconnect
/// (whether or not the broker kept the session). Attach handlers before connecting.
/// </summary>
public sealed class MqttClient : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly PacketIdentifierProvider _ids = new();
    private readonly SubscriptionRegistry _subscriptions = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private MqttConnection? _connection;
    private CancellationTokenSource? _managed;
    private Task? _managedLoop;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly InboundDispatcher _inbound;
    private int _reconnects;
    private int _generation;
    private long _oversized;

    /// <summary>Creates a client; nothing happens until <see cref="ConnectAsync"/> or <see cref="StartAsync"/>.</summary>
    public MqttClient(MqttClientOptions options, TimeProvider? timeProvider = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        _inbound = new InboundDispatcher(DispatchAsync, new InboundBudget(options.InboundBufferSize, options.ReadAheadSize));
    }

    /// <summary>
    /// Raised for every received PUBLISH, in arrival order, one at a time. The connection keeps reading while a handler
    /// runs (control packets are never held up by it); messages wait for the handler, bounded by
    /// <see cref="MqttClientOptions.InboundBufferSize"/>. A handler that throws leaves its message un-acknowledged and ends
    /// that connection, so the broker redelivers it.
    /// </summary>
    public event Func<MqttApplicationMessageReceivedEventArgs, Task>? ApplicationMessageReceivedAsync;

    /// <summary>Raised after each successful connect (and resubscribe).</summary>
    public event Func<MqttClientConnectedEventArgs, Task>? ConnectedAsync;

    /// <summary>Raised when a connection ends or a connect attempt fails.</summary>
    public event Func<MqttClientDisconnectedEventArgs, Task>? DisconnectedAsync;

    public MqttClientOptions Options { get; }

    /// <summary>Whether a connection is up.</summary>
    public bool IsConnected => Volatile.Read(ref _connection) is { Completion.IsCompleted: false };

    /// <summary>Whether <see cref="StartAsync"/> is keeping the client connected.</summary>
    public bool IsStarted => _managed is not null;

    /// <summary>Number of connections made after the first one.</summary>
    public int ReconnectCount => Volatile.Read(ref _reconnects);

    /// <summary>
    /// Messages over <see cref="MqttClientOptions.MaximumPacketSize"/> that were skipped (and acknowledged) without being
    /// delivered. MQTT 3.1.1 only: an MQTT 5 broker learns our limit at CONNECT and drops such messages itself.
    /// </summary>
    public long OversizedMessagesDropped => Interlocked.Read(ref _oversized);

    /// <summary>Times the message handler threw (each ended its message's connection).</summary>
    public long HandlerFailures => _inbound.HandlerFailures;

    /// <summary>Received messages waiting for the handler.</summary>
    public int PendingMessages => _inbound.Count;

    /// <summary>
    /// How long the oldest message not yet acknowledged to the broker (on the current connection) or not yet handed to the
    /// handler has waited; null when there is none. A value that keeps growing is a stall.
    /// </summary>
    public TimeSpan? OldestPendingMessageAge
    {
        get
        {
            var oldest = Volatile.Read(ref _connection)?.Acks.OldestArrival;
            if (_inbound.OldestArrival is { } waiting && (oldest is null || waiting < oldest))
            {
                oldest = waiting;
            }

            return oldest is { } timestamp ? _time.GetElapsedTime(timestamp) : null;
        }
    }

    /// <summary>QoS 1/2 messages received on the current connection and not yet acknowledged to the broker.</summary>
    public int PendingAcknowledgements => Volatile.Read(ref _connection)?.Acks.Count ?? 0;

    /// <summary>The result of the current connection's CONNACK, or null.</summary>
    public MqttClientConnectResult? ConnectResult => Volatile.Read(ref _connection)?.ConnectResult;

    /// <summary>Connects once (no automatic reconnect). Throws <see cref="MqttConnectingFailedException"/> when refused.</summary>
    public async Task<MqttClientConnectResult> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var (result, _) = await ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Keeps the client connected until <see cref="DisconnectAsync"/> or disposal: connects in the background, reconnects
    /// with backoff, re-subscribes. Returns at once; <see cref="WaitUntilConnectedAsync"/> waits for the first connection.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_managed is not null)
            {
                return Task.CompletedTask;
            }

            _managed = new CancellationTokenSource();
            var token = _managed.Token;
            _managedLoop = Task.Run(() => RunManagedAsync(token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits until connected and subscribed.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken = default) =>
        IsConnected ? Task.CompletedTask : _connected.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Subscribes and remembers the subscription so it is made again after every reconnect. When the client is not connected
    /// right now (e.g. before StartAsync), the result is pending and the subscription is made on the next connect.
    /// </summary>
    public async Task<MqttClientSubscribeResult> SubscribeAsync(MqttClientSubscribeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        _subscriptions.Add(options);

        var connection = Volatile.Read(ref _connection);
        if (connection is null || connection.Completion.IsCompleted)
        {
            // Made on the next connect (StartAsync or ConnectAsync), before the application sees any message of it.
            return new MqttClientSubscribeResult([], null, isPending: true);
        }

        return await SubscribeOnAsync(connection, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Subscribes to one filter.</summary>
    public Task<MqttClientSubscribeResult> SubscribeAsync(string topicFilter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, CancellationToken cancellationToken = default) =>
        SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, qos).Build(), cancellationToken);

    /// <summary>Unsubscribes and forgets the filters.</summary>
    public async Task<IReadOnlyList<MqttReasonCode>> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        _subscriptions.Remove(topicFilters);

        var connection = RequireConnection();
        var id = _ids.Acquire();
        try
        {
            var ack = (MqttUnsubAckPacket)await connection.RequestAsync(new MqttUnsubscribePacket { PacketIdentifier = id, TopicFilters = topicFilters }, id, MqttPacketType.UnsubAck, cancellationToken).ConfigureAwait(false);
            return ack.ReasonCodes;
        }
        finally
        {
            _ids.Release(id);
        }
    }

    /// <summary>Publishes a message; completes when the broker acknowledged it (QoS 1/2) or it was queued for sending (QoS 0).</summary>
    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (MqttTopicValidator.ValidateTopicName(message.Topic) is { } error)
        {
            throw new ArgumentException($"Topic '{message.Topic}' {error}.", nameof(message));
        }

        return RequireConnection().PublishAsync(message, cancellationToken);
    }

    /// <summary>
    /// Stops reconnecting and disconnects cleanly. With a persistent session the broker keeps it (and queues for us);
    /// messages received but not acknowledged are not acknowledged: the broker redelivers them on the next connection.
    /// </summary>
    public async Task DisconnectAsync(MqttReasonCode reasonCode = MqttReasonCode.NormalDisconnection, uint? sessionExpiryInterval = null, CancellationToken cancellationToken = default)
    {
        await StopManagedAsync().ConfigureAwait(false);
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is null)
        {
            return;
        }

        await connection.DisconnectAsync(new MqttDisconnectPacket { ReasonCode = reasonCode, SessionExpiryInterval = Options.ProtocolVersion == MqttProtocolVersion.V500 ? sessionExpiryInterval : null }, cancellationToken).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the current connection without DISCONNECT, as a network failure would (a started client reconnects).</summary>
    public void AbortConnection(string reason = "Aborted by the application.") => Volatile.Read(ref _connection)?.Abort(reason);

    public async ValueTask DisposeAsync()
    {
        await StopManagedAsync().ConfigureAwait(false);
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await _inbound.DisposeAsync().ConfigureAwait(false);
        _connectGate.Dispose();
    }

    private MqttConnection RequireConnection()
    {
        var connection = Volatile.Read(ref _connection);
        return connection is { Completion.IsCompleted: false } ? connection : throw new MqttCommunicationException("The client is not connected.");
    }

    private async Task<(MqttClientConnectResult Result, MqttConnection Connection)> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsConnected)
            {
                throw new InvalidOperationException("The client is already connected.");
            }

            var transport = await MqttTransport.ConnectAsync(Options, cancellationToken).ConfigureAwait(false);
            var connection = new MqttConnection(transport, Options, _time, _ids, _inbound, Interlocked.Increment(ref _generation), () => Interlocked.Increment(ref _oversized));
            MqttClientConnectResult result;
            try
            {
                result = await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            // The broker redelivers what earlier connections did not acknowledge when it kept the session: their copies still
            // waiting are dropped then, handed over otherwise.
            _inbound.Resume(connection.Generation, result.SessionPresent);

            var previous = Interlocked.Exchange(ref _connection, connection);
            if (previous is not null)
            {
                Interlocked.Increment(ref _reconnects);
                await previous.DisposeAsync().ConfigureAwait(false);
            }

            _ = connection.Completion.ContinueWith(t => OnConnectionEndedAsync(connection, t.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();

            var resubscribed = new List<MqttClientSubscribeResult>();
            try
            {
                foreach (var subscription in _subscriptions.Snapshot())
                {
                    resubscribed.Add(await SubscribeOnAsync(connection, subscription, cancellationToken).ConfigureAwait(false));
                }
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
            {
                connection.Abort("Re-subscribing failed: " + ex.Message);
                throw;
            }

            _connected.TrySetResult();
            if (ConnectedAsync is { } handler)
            {
                await handler(new MqttClientConnectedEventArgs(result, resubscribed)).ConfigureAwait(false);
            }

            return (result, connection);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async Task OnConnectionEndedAsync(MqttConnection connection, MqttClientDisconnectedEventArgs reason)
    {
        if (Volatile.Read(ref _connection) == connection)
        {
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await RaiseDisconnectedAsync(reason).ConfigureAwait(false);
    }

    private async Task<MqttClientSubscribeResult> SubscribeOnAsync(MqttConnection connection, MqttClientSubscribeOptions options, CancellationToken cancellationToken)
    {
        var id = _ids.Acquire();
        try
        {
            var packet = new MqttSubscribePacket
            {
                PacketIdentifier = id,
                TopicFilters = [.. options.TopicFilters],
                SubscriptionIdentifier = Options.ProtocolVersion == MqttProtocolVersion.V500 ? options.SubscriptionIdentifier : 0,
                UserProperties = Options.ProtocolVersion == MqttProtocolVersion.V500 ? options.UserProperties : null,
            };
            var ack = (MqttSubAckPacket)await connection.RequestAsync(packet, id, MqttPacketType.SubAck, cancellationToken).ConfigureAwait(false);
            return MqttClientSubscribeResult.From(options.TopicFilters, ack);
        }
        finally
        {
            _ids.Release(id);
        }
    }

    private Task DispatchAsync(MqttApplicationMessageReceivedEventArgs args) =>
        ApplicationMessageReceivedAsync is { } handler ? handler(args) : Task.CompletedTask;

    private Task RunManagedAsync(CancellationToken token) => ManagedReconnectLoop.RunAsync(
        async t => (await ConnectOnceAsync(t).ConfigureAwait(false)).Connection.Completion,
        ex => RaiseDisconnectedAsync(new MqttClientDisconnectedEventArgs(false, ex.Message, (ex as MqttConnectingFailedException)?.ReasonCode, ex)),
        new ReconnectBackoff(Options.ReconnectDelay, Options.MaximumReconnectDelay),
        _time,
        token);

    private async Task RaiseDisconnectedAsync(MqttClientDisconnectedEventArgs reason)
    {
        if (DisconnectedAsync is { } handler)
        {
            try
            {
                await handler(reason).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failing handler must not break reconnecting.
            }
        }
    }

    private async Task StopManagedAsync()
    {
        CancellationTokenSource? managed;
        Task? loop;
        lock (_lock)
        {
            managed = _managed;
            loop = _managedLoop;
            _managed = null;
            _managedLoop = null;
        }

        if (managed is null)
        {
            return;
        }

        await managed.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        managed.Dispose();
    }
}
