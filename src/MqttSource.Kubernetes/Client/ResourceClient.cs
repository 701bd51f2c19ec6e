using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MqttSource.Kubernetes.Json;
using MqttSource.Kubernetes.Logging;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Kubernetes.Client;

/// <summary>
/// Typed access to one resource (any group, built-in or custom): get, list, watch, create, replace, merge patch,
/// the status subresource and delete. Methods take the namespace first: null for cluster-scoped resources (and,
/// for list and watch of a namespaced resource, for all namespaces).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ResourceClient<T>
    where T : class, IKubernetesObject
{
    private const string MergePatch = "application/merge-patch+json";
    private readonly KubernetesClient _client;
    private readonly JsonTypeInfo<T> _itemType;
    private readonly JsonTypeInfo<ResourceList<T>> _listType;

    internal ResourceClient(KubernetesClient client, ResourceDefinition resource, JsonTypeInfo<T> itemType, JsonTypeInfo<ResourceList<T>> listType)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Definition = resource ?? throw new ArgumentNullException(nameof(resource));
        _itemType = itemType ?? throw new ArgumentNullException(nameof(itemType));
        _listType = listType ?? throw new ArgumentNullException(nameof(listType));
    }

    /// <summary>The resource.</summary>
    public ResourceDefinition Definition { get; }

    /// <summary>Reads one object; <see cref="ApiException.IsNotFound"/> when it does not exist.</summary>
    public Task<T> GetAsync(string? @namespace, string name, CancellationToken cancellationToken = default) =>
        _client.SendAsync(HttpMethod.Get, ObjectPath(@namespace, name), null, _itemType, cancellationToken);

    /// <summary>Reads one object, or null when it does not exist.</summary>
    public async Task<T?> TryGetAsync(string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>One page of a list (all of it when <see cref="ListOptions.Limit"/> is unset).</summary>
    public Task<ResourceList<T>> ListAsync(string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        CheckCollectionNamespace(@namespace);
        var query = new QueryBuilder()
            .Add("labelSelector", options?.LabelSelector)
            .Add("fieldSelector", options?.FieldSelector)
            .Add("limit", options?.Limit?.ToString(CultureInfo.InvariantCulture))
            .Add("continue", options?.Continue)
            .Add("resourceVersion", options?.ResourceVersion);
        return _client.SendAsync(HttpMethod.Get, Definition.CollectionPath(@namespace) + query, null, _listType, cancellationToken);
    }

    /// <summary>Every item, following continue tokens page after page, and the resourceVersion to watch from.</summary>
    public async Task<ListResult<T>> ListAllAsync(string? @namespace, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        string? resourceVersion = null;
        string? next = options?.Continue;
        do
        {
            var page = await ListAsync(
                @namespace,
                new ListOptions
                {
                    LabelSelector = options?.LabelSelector,
                    FieldSelector = options?.FieldSelector,
                    Limit = options?.Limit,
                    Continue = next,
                    ResourceVersion = next is null ? options?.ResourceVersion : null,
                },
                cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            resourceVersion ??= page.Metadata.ResourceVersion;
            next = string.IsNullOrEmpty(page.Metadata.Continue) ? null : page.Metadata.Continue;
        }
        while (next is not null);

        return new ListResult<T>(items, resourceVersion ?? string.Empty);
    }

    /// <summary>
    /// Watches for changes. The sequence ends when the server closes the stream (timeout, restart, a broken
    /// connection): watch again from the last resourceVersion seen. Malformed lines are skipped and reported.
    /// An <c>ERROR</c> event throws <see cref="ApiException"/>; for 410 (<see cref="ApiException.IsGone"/>) relist.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? @namespace,
        WatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckCollectionNamespace(@namespace);
        options ??= new WatchOptions();
        var query = new QueryBuilder()
            .Add("watch", "true")
            .Add("allowWatchBookmarks", options.AllowBookmarks ? "true" : null)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("resourceVersion", options.ResourceVersion)
            .Add("timeoutSeconds", options.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        using var response = await _client.OpenStreamAsync(Definition.CollectionPath(@namespace) + query, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    KubernetesLog.WatchStreamBroken(_client.Logger, Definition.Plural, ex.Message);
                    yield break;
                }

                if (line is null)
                {
                    yield break;
                }

                if (line.Length > 0 && Parse(line, options) is { } watchEvent)
                {
                    yield return watchEvent;
                }
            }
        }
    }

    /// <summary>Creates <paramref name="item"/> (namespace from its metadata); <see cref="ApiException.IsAlreadyExists"/> when the name is taken.</summary>
    public Task<T> CreateAsync(T item, CancellationToken cancellationToken = default)
    {
        var ns = NamespaceOf(item);
        return _client.SendAsync(HttpMethod.Post, Definition.CollectionPath(ns), Body(item), _itemType, cancellationToken);
    }

    /// <summary>
    /// Replaces <paramref name="item"/> (PUT). With <c>metadata.resourceVersion</c> set, a stale version gives
    /// <see cref="ApiException.IsConflict"/>. Changes to <c>status</c> are ignored by the server: use <see cref="ReplaceStatusAsync"/>.
    /// </summary>
    public Task<T> ReplaceAsync(T item, CancellationToken cancellationToken = default) =>
        _client.SendAsync(HttpMethod.Put, ObjectPath(NamespaceOf(item), NameOf(item)), Body(item), _itemType, cancellationToken);

    /// <summary>Replaces the <c>status</c> of <paramref name="item"/> (PUT on <c>/status</c>); other changes are ignored.</summary>
    public Task<T> ReplaceStatusAsync(T item, CancellationToken cancellationToken = default) =>
        _client.SendAsync(HttpMethod.Put, ObjectPath(NamespaceOf(item), NameOf(item), "status"), Body(item), _itemType, cancellationToken);

    /// <summary>Applies a JSON merge patch (RFC 7386): objects merge, null removes, arrays are replaced whole.</summary>
    public Task<T> PatchAsync(string? @namespace, string name, JsonNode patch, CancellationToken cancellationToken = default) =>
        SendPatch(ObjectPath(@namespace, name), patch, cancellationToken);

    /// <summary>Applies a JSON merge patch to the <c>status</c> subresource, e.g. <c>{"status":{"observedGeneration":3}}</c>.</summary>
    public Task<T> PatchStatusAsync(string? @namespace, string name, JsonNode patch, CancellationToken cancellationToken = default) =>
        SendPatch(ObjectPath(@namespace, name, "status"), patch, cancellationToken);

    /// <summary>
    /// Deletes an object and returns it as the server last had it (with a deletionTimestamp when finalizers hold
    /// it back), or null when the server answered with a Status instead.
    /// </summary>
    public async Task<T?> DeleteAsync(string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (options?.PropagationPolicy is { } policy)
        {
            body["propagationPolicy"] = policy;
        }

        if (options?.GracePeriodSeconds is { } grace)
        {
            body["gracePeriodSeconds"] = grace;
        }

        if (options?.PreconditionUid is not null || options?.PreconditionResourceVersion is not null)
        {
            var preconditions = new JsonObject();
            if (options.PreconditionUid is { } uid)
            {
                preconditions["uid"] = uid;
            }

            if (options.PreconditionResourceVersion is { } rv)
            {
                preconditions["resourceVersion"] = rv;
            }

            body["preconditions"] = preconditions;
        }

        var answer = await _client.SendAsync(
            HttpMethod.Delete, ObjectPath(@namespace, name), KubernetesClient.Json(body.ToJsonString()), KubernetesJsonContext.Default.GenericObject, cancellationToken)
            .ConfigureAwait(false);
        return answer.Kind == "Status" ? null : answer.Json.Deserialize(_itemType);
    }

    private Task<T> SendPatch(string path, JsonNode patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return _client.SendAsync(HttpMethod.Patch, path, KubernetesClient.Json(patch.ToJsonString(), MergePatch), _itemType, cancellationToken);
    }

    private WatchEvent<T>? Parse(string line, WatchOptions options)
    {
        string reason;
        Exception? error;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var type = root.GetProperty("type").GetString();
            var obj = root.GetProperty("object");
            WatchEventType? kind = type switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                _ => null,
            };
            if (type == "ERROR")
            {
                var status = obj.Deserialize(KubernetesJsonContext.Default.Status) ?? new Status { Message = "ERROR event without a Status" };
                throw new ApiException(status);
            }

            if (kind is { } known && obj.Deserialize(_itemType) is { } item)
            {
                return new WatchEvent<T>(known, item);
            }

            reason = $"unknown event type '{type}'";
            error = new FormatException(reason);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            reason = ex.Message;
            error = ex;
        }

        KubernetesLog.MalformedWatchLine(_client.Logger, Definition.Plural, reason);
        options.OnMalformedLine?.Invoke(line, error);
        return null;
    }

    private StringContent Body(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.ApiVersion ??= Definition.ApiVersion;
        item.Kind ??= Definition.Kind;
        return KubernetesClient.Json(JsonSerializer.Serialize(item, _itemType));
    }

    private string ObjectPath(string? @namespace, string name, string? subresource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        CheckObjectNamespace(@namespace);
        return Definition.ObjectPath(@namespace, name, subresource);
    }

    private string? NamespaceOf(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var ns = string.IsNullOrEmpty(item.Metadata.Namespace) ? null : item.Metadata.Namespace;
        CheckObjectNamespace(ns);
        return ns;
    }

    private static string NameOf(T item) =>
        string.IsNullOrEmpty(item.Metadata.Name) ? throw new ArgumentException("metadata.name is required", nameof(item)) : item.Metadata.Name;

    private void CheckObjectNamespace(string? @namespace)
    {
        if (Definition.Namespaced && string.IsNullOrEmpty(@namespace))
        {
            throw new ArgumentException($"{Definition.Plural} are namespaced: a namespace is required", nameof(@namespace));
        }

        CheckCollectionNamespace(@namespace);
    }

    private void CheckCollectionNamespace(string? @namespace)
    {
        if (!Definition.Namespaced && @namespace is not null)
        {
            throw new ArgumentException($"{Definition.Plural} are cluster-scoped: the namespace must be null", nameof(@namespace));
        }
    }
}
