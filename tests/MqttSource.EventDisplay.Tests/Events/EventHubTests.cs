using CloudNative.CloudEvents;
using MqttSource.EventDisplay.Events;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Events;

public sealed class EventHubTests
{
    [Fact]
    public void Add_OverCapacity_DropsOldest()
    {
        var hub = NewHub(capacity: 3);

        for (var i = 1; i <= 5; i++)
        {
            hub.Add(Event(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(["3", "4", "5"], hub.GetEvents(null).Select(e => e.Id));
    }

    [Fact]
    public void Add_OverByteBudget_DropsOldestButKeepsNewest()
    {
        var hub = NewHub(capacity: 100, maxBytes: 3000);

        hub.Add(Event("small"));
        hub.Add(Event("big1", new byte[2000]));
        hub.Add(Event("big2", new byte[2000]));
        hub.Add(Event("huge", new byte[10_000]));

        Assert.Equal(["huge"], hub.GetEvents(null).Select(e => e.Id));
    }

    [Fact]
    public void GetEvents_Type_FiltersByExactType()
    {
        var hub = NewHub();
        hub.Add(Event("1", type: "a"));
        hub.Add(Event("2", type: "A"));
        hub.Add(Event("3", type: "a"));

        Assert.Equal(["1", "3"], hub.GetEvents("a").Select(e => e.Id));
    }

    [Fact]
    public void TrySubscribe_GetsBacklogThenNewEvents_NumberedInOrder()
    {
        var hub = NewHub();
        hub.Add(Event("1"));
        hub.Add(Event("2"));

        using var subscription = hub.TrySubscribe(afterSequence: 1, out var backlog);
        hub.Add(Event("3"));

        Assert.NotNull(subscription);
        Assert.Equal([2L], backlog.Select(s => s.Sequence));
        Assert.True(subscription.Reader.TryRead(out var next));
        Assert.Equal(3, next.Sequence);
        Assert.Equal("3", next.Event.Id);
    }

    [Fact]
    public void Subscriber_ReadingTooSlowly_LosesOldestAndCountsThem()
    {
        var hub = NewHub(subscriberQueue: 4);
        using var subscription = hub.TrySubscribe(0, out _)!;

        for (var i = 1; i <= 10; i++)
        {
            hub.Add(Event(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var received = new List<string>();
        while (subscription.Reader.TryRead(out var stored))
        {
            received.Add(stored.Event.Id!);
        }

        Assert.Equal(["7", "8", "9", "10"], received);
        Assert.Equal(6, subscription.TakeDropped());
        Assert.Equal(0, subscription.TakeDropped());
    }

    [Fact]
    public void TrySubscribe_AtLimit_ReturnsNull_AndDisposeFreesTheSlot()
    {
        var hub = NewHub(maxSubscribers: 1);
        var first = hub.TrySubscribe(0, out _);

        Assert.NotNull(first);
        Assert.Null(hub.TrySubscribe(0, out _));
        first.Dispose();
        Assert.Equal(0, hub.SubscriberCount);
        using var second = hub.TrySubscribe(0, out _);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task Complete_EndsSubscriptionsAndRefusesNewOnes()
    {
        var hub = NewHub();
        using var subscription = hub.TrySubscribe(0, out _)!;

        hub.Complete();

        Assert.False(await subscription.Reader.WaitToReadAsync());
        Assert.Null(hub.TrySubscribe(0, out _));
    }

    [Fact]
    public void GetStreamMessage_WrapsStructuredEventWithSequenceAndReceivedTime()
    {
        var hub = NewHub();
        var stored = hub.Add(Event("x"));

        var json = System.Text.Encoding.UTF8.GetString(stored.GetStreamMessage());

        Assert.Equal(
            "{\"seq\":1,\"received\":\"2024-01-02T03:04:05+00:00\",\"event\":{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"t\"}}",
            json);
        Assert.Same(stored.GetStreamMessage(), stored.GetStreamMessage());
    }

    private static EventHub NewHub(int capacity = 500, long maxBytes = long.MaxValue, int maxSubscribers = 10, int subscriberQueue = 100) =>
        new(capacity, maxBytes, maxSubscribers, subscriberQueue, new FixedTimeProvider(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)));

    private static CloudEvent Event(string id, byte[]? data = null, string type = "t") => new()
    {
        Id = id,
        Source = new Uri("/s", UriKind.Relative),
        Type = type,
        Data = data,
    };

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
