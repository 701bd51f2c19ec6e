namespace MqttSource.Mqtt.Client;

/// <summary>
/// How many bytes of received messages may wait for the application, client-wide (each message is charged its packet
/// size plus <see cref="Overhead"/> for the objects around it). The reader charges a message before handing it over; the
/// dispatcher gives the charge back when the handler takes it. A message is always admitted when nothing waits, whatever
/// its size, so the limit can never block the stream for good.
/// </summary>
internal sealed class InboundBudget(long limit, long readAhead)
{
    /// <summary>What a message costs beyond its packet bytes (message, arguments, topic string, queue entries).</summary>
    public const int Overhead = 256;

    private readonly Lock _lock = new();
    private long _taken;
    private TaskCompletionSource? _room;
    private Action? _onRoom;

    /// <summary>The most bytes that may wait.</summary>
    public long Limit { get; } = Math.Max(1, limit);

    /// <summary>The most raw bytes the reader reads ahead of the waiting messages.</summary>
    public long ReadAheadLimit { get; } = Math.Max(1, readAhead);

    /// <summary>Bytes charged now.</summary>
    public long Taken
    {
        get
        {
            lock (_lock)
            {
                return _taken;
            }
        }
    }

    /// <summary>The charge of a packet of <paramref name="packetSize"/> bytes.</summary>
    public static long CostOf(long packetSize) => packetSize + Overhead;

    /// <summary>True when a message of <paramref name="cost"/> fits now.</summary>
    public bool HasRoomFor(long cost)
    {
        lock (_lock)
        {
            return _taken == 0 || _taken + cost <= Limit;
        }
    }

    /// <summary>Charges <paramref name="cost"/> (the caller checked <see cref="HasRoomFor"/>).</summary>
    public void Take(long cost)
    {
        lock (_lock)
        {
            _taken += cost;
        }
    }

    /// <summary>Gives <paramref name="cost"/> back and wakes whoever waits for room.</summary>
    public void Release(long cost)
    {
        TaskCompletionSource? room;
        Action? onRoom;
        lock (_lock)
        {
            _taken -= cost;
            room = _room;
            _room = null;
            onRoom = _onRoom;
        }

        room?.TrySetResult();
        onRoom?.Invoke();
    }

    /// <summary>Waits until a message of <paramref name="cost"/> fits.</summary>
    public async Task WaitForRoomAsync(long cost, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            lock (_lock)
            {
                if (_taken == 0 || _taken + cost <= Limit)
                {
                    return;
                }

                _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                room = _room.Task;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Calls <paramref name="onRoom"/> whenever room is given back, until the returned registration is disposed.</summary>
    public IDisposable OnRoom(Action onRoom)
    {
        lock (_lock)
        {
            _onRoom = onRoom;
        }

        return new Registration(this, onRoom);
    }

    private sealed class Registration(InboundBudget owner, Action onRoom) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                if (owner._onRoom == onRoom)
                {
                    owner._onRoom = null;
                }
            }
        }
    }
}
