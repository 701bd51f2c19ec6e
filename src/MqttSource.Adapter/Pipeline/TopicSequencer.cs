namespace MqttSource.Adapter.Pipeline;

/// <summary>
/// Per-topic ordering: items of one topic run one after another in arrival order; different topics run in parallel.
/// </summary>
internal sealed class TopicSequencer(Func<WorkItem, Task> run)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<WorkItem>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Topics with an item running now.</summary>
    public int ActiveTopics
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    public void Enqueue(WorkItem item)
    {
        lock (_lock)
        {
            if (_waiting.TryGetValue(item.Topic, out var queue))
            {
                queue.Enqueue(item);
                return;
            }

            _waiting.Add(item.Topic, new Queue<WorkItem>());
        }

        _ = RunChainAsync(item);
    }

    private async Task RunChainAsync(WorkItem first)
    {
        var item = first;
        while (true)
        {
            await run(item).ConfigureAwait(false);
            lock (_lock)
            {
                var queue = _waiting[item.Topic];
                if (!queue.TryDequeue(out var next))
                {
                    _waiting.Remove(item.Topic);
                    return;
                }

                item = next;
            }
        }
    }
}
