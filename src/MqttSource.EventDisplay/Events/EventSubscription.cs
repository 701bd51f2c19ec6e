using System.Threading.Channels;

namespace MqttSource.EventDisplay.Events;

/// <summary>
/// One live-page client's queue of new events. Bounded: when the client reads too slowly the oldest
/// waiting events are dropped and counted, so a slow client never holds memory or slows receivers.
/// Disposing it leaves the hub.
/// </summary>
internal sealed class EventSubscription : IDisposable
{
    private readonly EventHub hub;
    private readonly Channel<StoredEvent> queue;
    private long dropped;

    public EventSubscription(EventHub hub, int capacity)
    {
        this.hub = hub;
        queue = Channel.CreateBounded<StoredEvent>(
            new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.DropOldest,
            },
            _ => Interlocked.Increment(ref dropped));
    }

    /// <summary>The new events, in arrival order; completes when the hub stops.</summary>
    public ChannelReader<StoredEvent> Reader => queue.Reader;

    /// <summary>How many events were dropped since the last call.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref dropped, 0);

    /// <summary>Leaves the hub.</summary>
    public void Dispose()
    {
        hub.Unsubscribe(this);
        queue.Writer.TryComplete();
    }

    /// <summary>Offers an event; never blocks (the hub calls this under its lock).</summary>
    internal void Offer(StoredEvent storedEvent) => queue.Writer.TryWrite(storedEvent);

    internal void Complete() => queue.Writer.TryComplete();
}
