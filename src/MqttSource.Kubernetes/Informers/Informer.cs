using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.Logging;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Kubernetes.Informers;

/// <summary>
/// Keeps a cache of one resource by <c>namespace/name</c>: lists, then watches from the list's resourceVersion;
/// after a watch ends it watches again from the last resourceVersion seen (bookmarks included); on 410 Gone it
/// relists at once; on other failures it relists after an exponential backoff. Relists report the differences
/// as added/updated/deleted. Optionally re-delivers every cached object each resync period.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Informer<T>
    where T : class, IKubernetesObject
{
    private readonly ResourceClient<T> _client;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, T> _cache = new(StringComparer.Ordinal);
    private readonly List<InformerHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _resourceVersion = string.Empty;

    /// <summary>An informer over <paramref name="client"/>; call <see cref="RunAsync"/> to start it.</summary>
    public Informer(ResourceClient<T> client, InformerOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
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
                await WatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiException ex) when (ex.IsGone)
            {
                KubernetesLog.InformerExpired(_logger, _client.Definition.Plural);
            }
            catch (Exception ex) when (ex is ApiException or HttpRequestException or IOException or System.Text.Json.JsonException or OperationCanceledException)
            {
                KubernetesLog.InformerFailed(_logger, ex, _client.Definition.Plural, backoff);
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
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var list = await _client.ListAllAsync(
            _options.Namespace,
            new ListOptions { LabelSelector = _options.LabelSelector, FieldSelector = _options.FieldSelector, Limit = _options.PageSize },
            cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            var fresh = list.Items.ToDictionary(i => ObjectKey.Of(i), StringComparer.Ordinal);
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
                    if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
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

            _resourceVersion = list.ResourceVersion;
        }

        KubernetesLog.InformerListed(_logger, _client.Definition.Plural, list.Items.Count, list.ResourceVersion);
        _synced.TrySetResult();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = 0;
            var options = new WatchOptions
            {
                ResourceVersion = ResourceVersion,
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
                TimeoutSeconds = (int)Math.Max(1, _options.WatchTimeout.TotalSeconds),
                AllowBookmarks = true,
            };
            await foreach (var change in _client.WatchAsync(_options.Namespace, options, cancellationToken).ConfigureAwait(false))
            {
                received++;
                Apply(change);
            }

            if (received == 0)
            {
                // The stream ended at once (restarting server, say): do not spin.
                await Task.Delay(_options.InitialBackoff, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Apply(WatchEvent<T> change)
    {
        var item = change.Resource;
        lock (_lock)
        {
            if (item.Metadata.ResourceVersion is { Length: > 0 } rv)
            {
                _resourceVersion = rv;
            }

            if (change.Type == WatchEventType.Bookmark)
            {
                return;
            }

            var key = ObjectKey.Of(item);
            var had = _cache.TryGetValue(key, out var old);
            if (change.Type == WatchEventType.Deleted)
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
            KubernetesLog.InformerHandlerFailed(_logger, ex, _client.Definition.Plural);
        }
    }
}
