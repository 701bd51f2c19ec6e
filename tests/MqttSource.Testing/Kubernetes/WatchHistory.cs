using System.Globalization;
using System.Text.Json.Nodes;

namespace MqttSource.Testing.Kubernetes;

/// <summary>
/// The open watches and the bounded change history they resume from (older resourceVersions get 410 Gone). Not
/// thread-safe: <see cref="FakeResourceStore"/> calls it under its lock.
/// </summary>
internal sealed class WatchHistory(int historyLimit)
{
    private readonly List<HistoryEvent> _history = [];
    private readonly List<WatchSubscription> _watchers = [];

    /// <summary>Watches from a resourceVersion older than this get 410.</summary>
    public long Compacted { get; private set; } = 1000;

    public int Count => _watchers.Count;

    /// <summary>
    /// Opens a watch: without a resourceVersion (or "0") every current object is sent as ADDED first; with one, the changes
    /// after it are replayed (410 when they are no longer kept).
    /// </summary>
    public void Subscribe(WatchSubscription subscription, string? resourceVersion, IEnumerable<JsonObject> current)
    {
        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
        {
            foreach (var obj in current.Where(subscription.Selects))
            {
                subscription.Send("ADDED", obj);
            }
        }
        else
        {
            if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
            {
                throw FakeApiError.BadRequest($"invalid resource version: {resourceVersion}");
            }

            if (from < Compacted)
            {
                throw FakeApiError.Expired($"too old resource version: {from} ({Compacted + 1})");
            }

            foreach (var e in _history.Where(e => e.Revision > from && e.Resource == subscription.Resource))
            {
                Deliver(subscription, e);
            }
        }

        _watchers.Add(subscription);
    }

    public void Unsubscribe(WatchSubscription subscription) => _watchers.Remove(subscription);

    public void ForEach(Action<WatchSubscription> action) => _watchers.ForEach(action);

    public void SendBookmarks(Func<ResourceKey, string> kindOf, long revision)
    {
        foreach (var w in _watchers.Where(w => w.Bookmarks))
        {
            w.Send("BOOKMARK", new JsonObject
            {
                ["kind"] = kindOf(w.Resource),
                ["apiVersion"] = w.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = FakeObjects.Rv(revision) },
            });
        }
    }

    /// <summary>Forgets the history up to <paramref name="revision"/>.</summary>
    public void Compact(long revision)
    {
        _history.Clear();
        Compacted = revision;
    }

    /// <summary>Keeps <paramref name="change"/> (dropping the oldest beyond the limit) and sends it to the watches of its resource.</summary>
    public void Record(HistoryEvent change)
    {
        _history.Add(change);
        while (_history.Count > historyLimit)
        {
            Compacted = _history[0].Revision;
            _history.RemoveAt(0);
        }

        foreach (var w in _watchers.Where(w => w.Resource == change.Resource))
        {
            Deliver(w, change);
        }
    }

    /// <summary>A change as one watch sees it: an object that starts or stops matching its selectors is ADDED or DELETED.</summary>
    private static void Deliver(WatchSubscription w, HistoryEvent e)
    {
        var was = e.Previous is not null && w.Selects(e.Previous);
        var now = w.Selects(e.Current);
        var type = (e.Type, was, now) switch
        {
            ("ADDED", _, true) => "ADDED",
            ("MODIFIED", true, true) => "MODIFIED",
            ("MODIFIED", false, true) => "ADDED",
            ("MODIFIED", true, false) => "DELETED",
            ("DELETED", true, _) => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            w.Send(type, e.Current);
        }
    }
}
