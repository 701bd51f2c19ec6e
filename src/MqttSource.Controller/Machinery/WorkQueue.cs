namespace MqttSource.Controller.Machinery;

/// <summary>
/// A de-duplicating work queue, as controllers use it: an item added while already queued is queued once; an item
/// being processed is not handed out again until <see cref="Done"/>, and if it was added meanwhile it is queued
/// again then. <see cref="AddRateLimited"/> requeues with per-item exponential backoff until <see cref="Forget"/>.
/// </summary>
/// <typeparam name="T">The item, usually a <c>namespace/name</c> key.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A work queue is what controllers call it.")]
internal sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Dictionary<T, int> _failures = [];
    private readonly Dictionary<T, (long Due, ITimer Timer)> _waiting = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly WorkQueueOptions _options;
    private readonly TimeProvider _time;

    /// <summary>A queue using <paramref name="timeProvider"/> for delays.</summary>
    public WorkQueue(WorkQueueOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new WorkQueueOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Items waiting to be taken (not counting delayed or in-process ones).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Items whose delay has not run out yet.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Whether <see cref="ShutDown"/> was called.</summary>
    public bool IsShutDown => _shutdown.IsCancellationRequested;

    /// <summary>Queues <paramref name="item"/> unless it is already queued.</summary>
    public void Add(T item)
    {
        lock (_lock)
        {
            if (IsShutDown || !_dirty.Add(item))
            {
                return;
            }

            if (_processing.Contains(item))
            {
                return; // queued again by Done
            }

            _queue.Enqueue(item);
        }

        _available.Release();
    }

    /// <summary>Queues <paramref name="item"/> after <paramref name="delay"/> (an earlier pending time wins).</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_lock)
        {
            if (IsShutDown)
            {
                return;
            }

            var due = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            if (_waiting.TryGetValue(item, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var timer = _time.CreateTimer(Fire, item, delay, Timeout.InfiniteTimeSpan);
            _waiting[item] = (due, timer);
        }
    }

    /// <summary>Queues <paramref name="item"/> after its backoff (base × 2^failures, capped) and counts a failure.</summary>
    public void AddRateLimited(T item) => AddAfter(item, NextDelay(item));

    /// <summary>Forgets the failures of <paramref name="item"/> (call after it was processed successfully).</summary>
    public void Forget(T item)
    {
        lock (_lock)
        {
            _failures.Remove(item);
        }
    }

    /// <summary>How many times <paramref name="item"/> was rate-limited since the last <see cref="Forget"/>.</summary>
    public int NumRequeues(T item)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(item);
        }
    }

    /// <summary>Waits for an item and marks it in process; call <see cref="Done"/> when finished. Throws <see cref="OperationCanceledException"/> after <see cref="ShutDown"/>.</summary>
    public async ValueTask<T> TakeAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        while (true)
        {
            await _available.WaitAsync(linked.Token).ConfigureAwait(false);
            lock (_lock)
            {
                if (_queue.TryDequeue(out var item))
                {
                    _dirty.Remove(item);
                    _processing.Add(item);
                    return item;
                }
            }
        }
    }

    /// <summary>Marks <paramref name="item"/> finished; if it was added while in process, it is queued again.</summary>
    public void Done(T item)
    {
        lock (_lock)
        {
            _processing.Remove(item);
            if (!_dirty.Contains(item) || IsShutDown)
            {
                return;
            }

            _queue.Enqueue(item);
        }

        _available.Release();
    }

    /// <summary>Stops handing out items: waiting and later <see cref="TakeAsync"/> calls throw <see cref="OperationCanceledException"/>.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shutdown.Cancel();
            foreach (var (_, timer) in _waiting.Values)
            {
                timer.Dispose();
            }

            _waiting.Clear();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ShutDown();
        _available.Dispose();
        _shutdown.Dispose();
    }

    private TimeSpan NextDelay(T item)
    {
        int failures;
        lock (_lock)
        {
            failures = _failures.GetValueOrDefault(item);
            _failures[item] = failures + 1;
        }

        var ticks = _options.BaseDelay.Ticks * Math.Pow(2, Math.Min(failures, 62));
        return ticks >= _options.MaxDelay.Ticks ? _options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private void Fire(object? state)
    {
        var item = (T)state!;
        lock (_lock)
        {
            if (_waiting.Remove(item, out var pending))
            {
                pending.Timer.Dispose();
            }
        }

        Add(item);
    }
}
