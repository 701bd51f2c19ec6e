using CloudNative.CloudEvents;

namespace MqttSource.EventDisplay.Events;

/// <summary>
/// The recent events (a ring bounded by count and by data bytes, oldest dropped first) and the live-page
/// subscribers. Adding numbers the event, keeps it and offers it to every subscriber under one lock, so a
/// new subscriber gets the history and then every later event, none twice and none missed.
/// </summary>
internal sealed class EventHub(int capacity, long maxBytes, int maxSubscribers, int subscriberQueue, TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private readonly Queue<StoredEvent> history = new(Math.Min(capacity, 1024));
    private readonly List<EventSubscription> subscribers = [];
    private long bytes;
    private long sequence;
    private bool completed;

    /// <summary>How many live-page clients are connected.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (gate)
            {
                return subscribers.Count;
            }
        }
    }

    /// <summary>Keeps an event and offers it to every subscriber.</summary>
    public StoredEvent Add(CloudEvent cloudEvent)
    {
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            var stored = new StoredEvent(++sequence, now, cloudEvent);
            history.Enqueue(stored);
            bytes += stored.Size;
            while (history.Count > capacity || (bytes > maxBytes && history.Count > 1))
            {
                bytes -= history.Dequeue().Size;
            }

            foreach (var subscriber in subscribers)
            {
                subscriber.Offer(stored);
            }

            return stored;
        }
    }

    /// <summary>The kept events, oldest first, optionally only those of one type.</summary>
    public List<CloudEvent> GetEvents(string? type)
    {
        lock (gate)
        {
            var events = new List<CloudEvent>(history.Count);
            foreach (var stored in history)
            {
                if (type is null || string.Equals(stored.Event.Type, type, StringComparison.Ordinal))
                {
                    events.Add(stored.Event);
                }
            }

            return events;
        }
    }

    /// <summary>
    /// Subscribes to new events; <paramref name="backlog"/> gets the kept events numbered after
    /// <paramref name="afterSequence"/>. Null when the subscriber limit is reached or the hub has stopped.
    /// </summary>
    public EventSubscription? TrySubscribe(long afterSequence, out List<StoredEvent> backlog)
    {
        backlog = [];
        lock (gate)
        {
            if (completed || subscribers.Count >= maxSubscribers)
            {
                return null;
            }

            foreach (var stored in history)
            {
                if (stored.Sequence > afterSequence)
                {
                    backlog.Add(stored);
                }
            }

            var subscription = new EventSubscription(this, subscriberQueue);
            subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Ends every subscription (their readers complete) and refuses new ones.</summary>
    public void Complete()
    {
        lock (gate)
        {
            completed = true;
            foreach (var subscriber in subscribers)
            {
                subscriber.Complete();
            }
        }
    }

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (gate)
        {
            subscribers.Remove(subscription);
        }
    }
}
