using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MqttSource.Controller.Api;

namespace MqttSource.Controller.Machinery;

/// <summary>
/// Keeps a cache of one resource by <c>namespace/name</c> on top of KubernetesClient's list and watch (which has no
/// informer): lists, then watches from the list's resourceVersion; after a watch ends it watches again from the last
/// resourceVersion seen (bookmarks included). A 410 Gone (an ERROR event, or the answer to the watch) relists at once; a
/// stream error or an unreadable line relists too, after a backoff, since a change may have been lost with it. Relists
/// report the differences as added/updated/deleted. Optionally re-delivers every cached object each resync period.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
internal sealed class Informer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ListWatch<T> _source;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, T> _cache = new(StringComparer.Ordinal);
    private readonly List<InformerHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _resourceVersion = string.Empty;

    /// <summary>An informer over <paramref name="source"/>; call <see cref="RunAsync"/> to start it.</summary>
    public Informer(ListWatch<T> source, InformerOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _options = options ?? new InformerOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Whether the first list has been loaded into the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the cache is at.</summary>
    public string ResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Adds callbacks; objects already cached are delivered to it as added.</summary>
    public void AddHandler(InformerHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _handlers.Add(handler);
            foreach (var item in _cache.Values)
            {
                Invoke(() => handler.Added?.Invoke(item));
            }
        }
    }

    /// <summary>The cached object, or null.</summary>
    public T? Get(string? @namespace, string name)
    {
        lock (_lock)
        {
            return _cache.GetValueOrDefault(ObjectKey.Of(@namespace, name));
        }
    }

    /// <summary>Every cached object.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _cache.Values];
        }
    }

    /// <summary>Completes when the first list is in the cache.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var resync = _options.ResyncPeriod is { } period && period > TimeSpan.Zero
            ? _time.CreateTimer(_ => Resync(), null, period, period)
            : null;
        var backoff = _options.InitialBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListAsync(cancellationToken).ConfigureAwait(false);
                backoff = _options.InitialBackoff;
                if (await WatchAsync(cancellationToken).ConfigureAwait(false))
                {
                    continue; // 410: relist at once
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ApiErrors.IsGone(ex))
            {
                MachineryLog.InformerExpired(_logger, _source.Resource);
                continue;
            }
            catch (Exception ex) when (ApiErrors.IsApiFailure(ex) || ex is OperationCanceledException)
            {
                MachineryLog.InformerFailed(_logger, ex, _source.Resource, backoff);
            }

            try
            {
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? next = null;
        string resourceVersion;
        do
        {
            var page = await _source.List(next, _options.PageSize, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            resourceVersion = page.ResourceVersion;
            next = string.IsNullOrEmpty(page.Continue) ? null : page.Continue;
        }
        while (next is not null);

        lock (_lock)
        {
            var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                fresh[ObjectKey.Of(item)] = item;
            }

            foreach (var (key, old) in _cache.Where(p => !fresh.ContainsKey(p.Key)).ToList())
            {
                _cache.Remove(key);
                Dispatch(h => h.Deleted?.Invoke(old));
            }

            foreach (var (key, item) in fresh)
            {
                if (_cache.TryGetValue(key, out var old))
                {
                    _cache[key] = item;
                    if (old.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
                    {
                        Dispatch(h => h.Updated?.Invoke(old, item));
                    }
                }
                else
                {
                    _cache[key] = item;
                    Dispatch(h => h.Added?.Invoke(item));
                }
            }

            _resourceVersion = resourceVersion;
        }

        MachineryLog.InformerListed(_logger, _source.Resource, items.Count, resourceVersion);
        _synced.TrySetResult();
    }

    /// <summary>Watches until a stream fails; true when the resourceVersion expired (relist now), false for a broken stream.</summary>
    private async Task<bool> WatchAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stream = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Exception? failure = null;
            void OnError(Exception error)
            {
                // KubernetesClient reports an ERROR event or an unreadable line here and reads on; we stop and recover.
                failure ??= error;
                stream.Cancel();
            }

            var received = 0;
            try
            {
                var timeout = (int)Math.Max(1, _options.WatchTimeout.TotalSeconds);
                await foreach (var (type, item) in _source.Watch(ResourceVersion, timeout, OnError, stream.Token).ConfigureAwait(false))
                {
                    received++;
                    Apply(type, item);
                }
            }
            catch (OperationCanceledException) when (failure is not null && !cancellationToken.IsCancellationRequested)
            {
                // stopped by OnError
            }
            catch (JsonException ex) when (ex.LineNumber == 0 && ex.BytePositionInLine == 0)
            {
                // The stream ended before its first line (KubernetesClient parses the first line eagerly): nothing changed.
            }
            catch (Exception ex) when (failure is null && ex is IOException or HttpRequestException)
            {
                // The connection broke (a restarting API server, a proxy's idle timeout): watch again from where we were.
                MachineryLog.WatchInterrupted(_logger, _source.Resource, ex.Message);
                received = 0;
            }

            if (failure is not null)
            {
                if (ApiErrors.IsGone(failure))
                {
                    MachineryLog.InformerExpired(_logger, _source.Resource);
                    return true;
                }

                MachineryLog.WatchStreamFailed(_logger, _source.Resource, ApiErrors.Message(failure));
                return false;
            }

            if (received == 0)
            {
                // The stream ended at once (restarting server, say): do not spin.
                await Task.Delay(_options.InitialBackoff, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Apply(WatchEventType type, T item)
    {
        lock (_lock)
        {
            if (item.Metadata?.ResourceVersion is { Length: > 0 } rv)
            {
                _resourceVersion = rv;
            }

            if (type is WatchEventType.Bookmark or WatchEventType.Error)
            {
                return;
            }

            var key = ObjectKey.Of(item);
            var had = _cache.TryGetValue(key, out var old);
            if (type == WatchEventType.Deleted)
            {
                if (_cache.Remove(key))
                {
                    Dispatch(h => h.Deleted?.Invoke(item));
                }

                return;
            }

            _cache[key] = item;
            if (had)
            {
                Dispatch(h => h.Updated?.Invoke(old!, item));
            }
            else
            {
                Dispatch(h => h.Added?.Invoke(item));
            }
        }
    }

    private void Resync()
    {
        lock (_lock)
        {
            foreach (var item in _cache.Values)
            {
                Dispatch(h => h.Updated?.Invoke(item, item));
            }
        }
    }

    private void Dispatch(Action<InformerHandler<T>> call)
    {
        foreach (var handler in _handlers)
        {
            Invoke(() => call(handler));
        }
    }

    private void Invoke(Action call)
    {
        try
        {
            call();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            MachineryLog.InformerHandlerFailed(_logger, ex, _source.Resource);
        }
    }
}
