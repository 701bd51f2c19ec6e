using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MqttSource.Testing.Kubernetes;

/// <summary>
/// The objects of the fake API server and the semantics we depend on: a global resourceVersion counter, uid and
/// creationTimestamp on create, generation on spec changes only, optimistic concurrency, the status subresource,
/// no-op updates that change nothing, finalizers, cascading deletes, a bounded change history for watches.
/// </summary>
internal sealed class FakeResourceStore(int historyLimit, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ResourceKey, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly Dictionary<ResourceKey, string> _kinds = new()
    {
        [new(string.Empty, "services")] = "Service",
        [new(string.Empty, "events")] = "Event",
        [new(string.Empty, "namespaces")] = "Namespace",
        [new(string.Empty, "secrets")] = "Secret",
        [new(string.Empty, "configmaps")] = "ConfigMap",
        [new(string.Empty, "pods")] = "Pod",
        [new(string.Empty, "serviceaccounts")] = "ServiceAccount",
        [new("apps", "statefulsets")] = "StatefulSet",
        [new("apps", "deployments")] = "Deployment",
        [new("coordination.k8s.io", "leases")] = "Lease",
    };

    private readonly List<HistoryEvent> _history = [];
    private readonly List<WatchSubscription> _watchers = [];
    private long _revision = 1000;
    private long _compacted = 1000;

    public bool GarbageCollection { get; set; } = true;

    public string CurrentRevision
    {
        get
        {
            lock (_lock)
            {
                return Rv(_revision);
            }
        }
    }

    public static string NamespaceOf(JsonObject obj) => Meta(obj)["namespace"]?.GetValue<string>() ?? string.Empty;

    public static IReadOnlyDictionary<string, string> LabelsOf(JsonObject obj) =>
        Meta(obj)["labels"] is JsonObject labels
            ? labels.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>();

    public JsonObject Get(ApiRequestPath path)
    {
        lock (_lock)
        {
            return Find(path.Resource, Key(path.Namespace, path.Name!))?.DeepClone().AsObject() ?? throw FakeApiError.NotFound(path.Resource, path.Name!);
        }
    }

    public JsonObject List(ApiRequestPath path, string? labelSelector, string? fieldSelector, int? limit, string? continueToken)
    {
        var labels = LabelSelector.Parse(labelSelector);
        var fields = ParseFieldSelector(fieldSelector);
        lock (_lock)
        {
            var listRevision = _revision;
            string? after = null;
            if (!string.IsNullOrEmpty(continueToken))
            {
                (listRevision, after) = DecodeContinue(continueToken);
                if (listRevision < _compacted)
                {
                    throw FakeApiError.Expired(
                        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                }
            }

            var matching = Objects(path.Resource)
                .Where(p => after is null || string.CompareOrdinal(p.Key, after) > 0)
                .Where(p => (path.Namespace is null || NamespaceOf(p.Value) == path.Namespace) && labels.Matches(LabelsOf(p.Value)) && fields(p.Value))
                .ToList();
            var page = limit is > 0 ? matching.Take(limit.Value).ToList() : matching;
            var meta = new JsonObject { ["resourceVersion"] = Rv(listRevision) };
            if (page.Count < matching.Count)
            {
                meta["continue"] = EncodeContinue(listRevision, page[^1].Key);
                meta["remainingItemCount"] = matching.Count - page.Count;
            }

            return new JsonObject
            {
                ["kind"] = KindOf(path.Resource) + "List",
                ["apiVersion"] = path.ApiVersion,
                ["metadata"] = meta,
                ["items"] = new JsonArray([.. page.Select(p => (JsonNode)p.Value.DeepClone())]),
            };
        }
    }

    /// <summary>Tells the store the kind of a resource (as installing a CRD tells the real server).</summary>
    public void RegisterKind(ResourceKey resource, string kind)
    {
        lock (_lock)
        {
            _kinds[resource] = kind;
        }
    }

    /// <summary>
    /// POST. Like the real server, a body without <c>kind</c> and <c>apiVersion</c> is fine (the URL says what it is;
    /// KubernetesClient's typed models leave them unset): they are filled in from the path.
    /// </summary>
    public JsonObject Create(ApiRequestPath path, JsonObject body, bool keepStatus = false)
    {
        CheckApiVersion(path, body);
        if (body["kind"] is JsonValue kindValue && kindValue.GetValue<string>() is var sentKind && sentKind != KindOf(path.Resource) && IsKnownKind(path.Resource))
        {
            throw FakeApiError.BadRequest($"the kind in the data ({sentKind}) does not match the expected kind ({KindOf(path.Resource)})");
        }

        var meta = Meta(body);
        if (meta["resourceVersion"] is not null)
        {
            throw new FakeApiError(500, "InternalError", "resourceVersion should not be set on objects to be created");
        }

        var name = meta["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            var prefix = meta["generateName"]?.GetValue<string>()
                ?? throw new FakeApiError(422, "Invalid", "metadata.name: Required value: name or generateName is required");
            name = prefix + RandomSuffix();
        }

        var bodyNamespace = meta["namespace"]?.GetValue<string>();
        if (path.Namespace is not null && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != path.Namespace)
        {
            throw FakeApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        lock (_lock)
        {
            var objects = Objects(path.Resource);
            var key = Key(path.Namespace, name);
            if (objects.ContainsKey(key))
            {
                throw FakeApiError.AlreadyExists(path.Resource, name);
            }

            var obj = (JsonObject)body.DeepClone();
            obj["apiVersion"] ??= path.ApiVersion;
            obj["kind"] ??= KindOf(path.Resource);
            _kinds.TryAdd(path.Resource, obj["kind"]!.GetValue<string>());
            if (!keepStatus)
            {
                obj.Remove("status");
            }

            var m = Meta(obj);
            m["name"] = name;
            if (path.Namespace is null)
            {
                m.Remove("namespace");
            }
            else
            {
                m["namespace"] = path.Namespace;
            }

            m["uid"] = Guid.NewGuid().ToString();
            m["creationTimestamp"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            m["generation"] = 1L;
            m.Remove("deletionTimestamp");
            m["resourceVersion"] = Rv(++_revision);
            objects[key] = obj;
            Record(path.Resource, "ADDED", null, obj);
            return (JsonObject)obj.DeepClone();
        }
    }

    /// <summary>PUT: with a resourceVersion, a stale one is a conflict; the main resource ignores status, /status ignores the rest.</summary>
    public JsonObject Replace(ApiRequestPath path, JsonObject body, bool statusOnly)
    {
        var name = Meta(body)["name"]?.GetValue<string>();
        if (name is not null && name != path.Name)
        {
            throw FakeApiError.BadRequest($"the name of the object ({name}) does not match the name on the URL ({path.Name})");
        }

        CheckApiVersion(path, body);
        lock (_lock)
        {
            var key = Key(path.Namespace, path.Name!);
            var old = Find(path.Resource, key) ?? throw FakeApiError.NotFound(path.Resource, path.Name!);
            CheckResourceVersion(path, old, Meta(body)["resourceVersion"]?.GetValue<string>());
            return (JsonObject)Commit(path.Resource, key, old, body, statusOnly).DeepClone();
        }
    }

    /// <summary>PATCH (merge patch): applied to the current object, then stored like a PUT; a resourceVersion in the patch is a precondition.</summary>
    public JsonObject Patch(ApiRequestPath path, JsonObject patch, bool statusOnly)
    {
        lock (_lock)
        {
            var key = Key(path.Namespace, path.Name!);
            var old = Find(path.Resource, key) ?? throw FakeApiError.NotFound(path.Resource, path.Name!);
            var rv = patch["metadata"] is JsonObject pm ? pm["resourceVersion"]?.GetValue<string>() : null;
            CheckResourceVersion(path, old, rv);
            if (JsonMergePatch.Apply(old, patch) is not JsonObject merged)
            {
                throw FakeApiError.BadRequest("the patch does not give an object");
            }

            if (Meta(merged)["name"]?.GetValue<string>() != path.Name)
            {
                throw FakeApiError.BadRequest("metadata.name cannot be changed by a patch");
            }

            Meta(merged)["resourceVersion"] = Meta(old)["resourceVersion"]?.DeepClone();
            return (JsonObject)Commit(path.Resource, key, old, merged, statusOnly).DeepClone();
        }
    }

    public JsonObject Delete(ApiRequestPath path, string? propagationPolicy, JsonObject? preconditions)
    {
        lock (_lock)
        {
            var key = Key(path.Namespace, path.Name!);
            var old = Find(path.Resource, key) ?? throw FakeApiError.NotFound(path.Resource, path.Name!);
            var meta = Meta(old);
            if (preconditions?["uid"]?.GetValue<string>() is { } uid && uid != meta["uid"]?.GetValue<string>())
            {
                throw new FakeApiError(409, "Conflict", $"Precondition failed: UID in precondition: {uid}, UID in object meta: {meta["uid"]}", FakeApiError.Details(path.Resource, path.Name!));
            }

            if (preconditions?["resourceVersion"]?.GetValue<string>() is { } rv && rv != meta["resourceVersion"]?.GetValue<string>())
            {
                throw new FakeApiError(409, "Conflict", $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in meta: {meta["resourceVersion"]}", FakeApiError.Details(path.Resource, path.Name!));
            }

            return (JsonObject)DeleteCore(path.Resource, key, old, propagationPolicy).DeepClone();
        }
    }

    public WatchSubscription Watch(ApiRequestPath path, string? labelSelector, string? fieldSelector, string? resourceVersion, bool bookmarks)
    {
        var subscription = new WatchSubscription(path.Resource, path.ApiVersion, path.Namespace, LabelSelector.Parse(labelSelector), ParseFieldSelector(fieldSelector), bookmarks);
        lock (_lock)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var obj in Objects(path.Resource).Values.Where(subscription.Selects))
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

                if (from < _compacted)
                {
                    throw FakeApiError.Expired($"too old resource version: {from} ({_compacted + 1})");
                }

                foreach (var e in _history.Where(e => e.Revision > from && e.Resource == path.Resource))
                {
                    Deliver(subscription, e);
                }
            }

            _watchers.Add(subscription);
        }

        return subscription;
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_lock)
        {
            _watchers.Remove(subscription);
        }
    }

    public int WatchCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    public void ForEachWatch(Action<WatchSubscription> action)
    {
        lock (_lock)
        {
            _watchers.ForEach(action);
        }
    }

    public void SendBookmarks()
    {
        lock (_lock)
        {
            foreach (var w in _watchers.Where(w => w.Bookmarks))
            {
                w.Send("BOOKMARK", new JsonObject
                {
                    ["kind"] = KindOf(w.Resource),
                    ["apiVersion"] = w.ApiVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(_revision) },
                });
            }
        }
    }

    /// <summary>Forgets the change history: watching from any earlier resourceVersion now gets 410.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _history.Clear();
            _compacted = _revision;
        }
    }

    /// <summary>Test seeding: creates or replaces the whole object, status included.</summary>
    public JsonObject Upsert(ResourceKey resource, string apiVersion, JsonObject obj)
    {
        var ns = Meta(obj)["namespace"]?.GetValue<string>();
        var name = Meta(obj)["name"]?.GetValue<string>() ?? throw new ArgumentException("metadata.name is required", nameof(obj));
        var path = new ApiRequestPath(resource.Group, apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion.Split('/')[1] : apiVersion, string.IsNullOrEmpty(ns) ? null : ns, resource.Plural, name, null);
        lock (_lock)
        {
            var key = Key(path.Namespace, name);
            var body = (JsonObject)obj.DeepClone();
            body["apiVersion"] ??= apiVersion;
            body["kind"] ??= KindOf(resource);
            Meta(body).Remove("resourceVersion");
            if (Find(resource, key) is not { } old)
            {
                return Create(path, body, keepStatus: true);
            }

            var afterSpec = Commit(resource, key, old, body, statusOnly: false);
            var current = Find(resource, key);
            return current is null ? afterSpec : (JsonObject)Commit(resource, key, current, body, statusOnly: true).DeepClone();
        }
    }

    public JsonObject? Find(ResourceKey resource, string? @namespace, string name)
    {
        lock (_lock)
        {
            return Find(resource, Key(@namespace, name))?.DeepClone().AsObject();
        }
    }

    public IReadOnlyList<JsonObject> All(ResourceKey resource)
    {
        lock (_lock)
        {
            return [.. Objects(resource).Values.Select(o => o.DeepClone().AsObject())];
        }
    }

    private JsonObject Commit(ResourceKey resource, string key, JsonObject old, JsonObject proposed, bool statusOnly)
    {
        JsonObject next;
        if (statusOnly)
        {
            next = (JsonObject)old.DeepClone();
            SetOrRemove(next, "status", proposed["status"]);
        }
        else
        {
            next = (JsonObject)proposed.DeepClone();
            SetOrRemove(next, "status", old["status"]);
            var (oldMeta, meta) = (Meta(old), Meta(next));
            foreach (var kept in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "generation" })
            {
                SetOrRemove(meta, kept, oldMeta[kept]);
            }

            next["apiVersion"] ??= old["apiVersion"]?.DeepClone();
            next["kind"] ??= old["kind"]?.DeepClone();
            if (!JsonNode.DeepEquals(DesiredState(old), DesiredState(next)))
            {
                meta["generation"] = (oldMeta["generation"]?.GetValue<long>() ?? 0) + 1;
            }
        }

        Meta(next)["resourceVersion"] = Meta(old)["resourceVersion"]?.DeepClone();
        if (JsonNode.DeepEquals(old, next))
        {
            return old; // a no-op update: no new resourceVersion, no event
        }

        var finalizers = Meta(next)["finalizers"] as JsonArray;
        if (Meta(next)["deletionTimestamp"] is not null && (finalizers is null || finalizers.Count == 0))
        {
            Objects(resource).Remove(key);
            Meta(next)["resourceVersion"] = Rv(++_revision);
            Record(resource, "DELETED", old, next);
            return next;
        }

        Meta(next)["resourceVersion"] = Rv(++_revision);
        Objects(resource)[key] = next;
        Record(resource, "MODIFIED", old, next);
        return next;
    }

    private JsonObject DeleteCore(ResourceKey resource, string key, JsonObject old, string? propagationPolicy)
    {
        var meta = Meta(old);
        if (meta["finalizers"] is JsonArray { Count: > 0 })
        {
            if (meta["deletionTimestamp"] is not null)
            {
                return old;
            }

            var marked = (JsonObject)old.DeepClone();
            Meta(marked)["deletionTimestamp"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            Meta(marked)["deletionGracePeriodSeconds"] = 0;
            Meta(marked)["resourceVersion"] = Rv(++_revision);
            Objects(resource)[key] = marked;
            Record(resource, "MODIFIED", old, marked);
            return marked;
        }

        Objects(resource).Remove(key);
        var deleted = (JsonObject)old.DeepClone();
        Meta(deleted)["resourceVersion"] = Rv(++_revision);
        Record(resource, "DELETED", old, deleted);

        var uid = meta["uid"]?.GetValue<string>();
        if (GarbageCollection && uid is not null)
        {
            foreach (var (dependentResource, dependentKey, dependent) in Dependents(uid))
            {
                if (propagationPolicy == "Orphan")
                {
                    var orphan = (JsonObject)dependent.DeepClone();
                    var refs = (JsonArray)Meta(orphan)["ownerReferences"]!;
                    foreach (var r in refs.Where(r => r?["uid"]?.GetValue<string>() == uid).ToList())
                    {
                        refs.Remove(r);
                    }

                    Commit(dependentResource, dependentKey, dependent, orphan, statusOnly: false);
                }
                else
                {
                    DeleteCore(dependentResource, dependentKey, dependent, propagationPolicy);
                }
            }
        }

        return deleted;
    }

    private List<(ResourceKey Resource, string Key, JsonObject Object)> Dependents(string uid) =>
        [.. _objects.SelectMany(r => r.Value
            .Where(o => Meta(o.Value)["ownerReferences"] is JsonArray refs && refs.Any(x => x?["uid"]?.GetValue<string>() == uid))
            .Select(o => (r.Key, o.Key, o.Value)))];

    private void Record(ResourceKey resource, string type, JsonObject? previous, JsonObject current)
    {
        var e = new HistoryEvent(_revision, resource, type, previous?.DeepClone().AsObject(), current.DeepClone().AsObject());
        _history.Add(e);
        while (_history.Count > historyLimit)
        {
            _compacted = _history[0].Revision;
            _history.RemoveAt(0);
        }

        foreach (var w in _watchers.Where(w => w.Resource == resource))
        {
            Deliver(w, e);
        }
    }

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

    private void CheckResourceVersion(ApiRequestPath path, JsonObject current, string? sent)
    {
        if (!string.IsNullOrEmpty(sent) && sent != Meta(current)["resourceVersion"]?.GetValue<string>())
        {
            throw FakeApiError.Conflict(path.Resource, path.Name!);
        }
    }

    private static void CheckApiVersion(ApiRequestPath path, JsonObject body)
    {
        if (body["apiVersion"]?.GetValue<string>() is { } apiVersion && apiVersion != path.ApiVersion)
        {
            throw FakeApiError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({path.ApiVersion})");
        }
    }

    private static JsonObject DesiredState(JsonObject obj)
    {
        var desired = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (name is not ("metadata" or "status" or "apiVersion" or "kind"))
            {
                desired[name] = value?.DeepClone();
            }
        }

        return desired;
    }

    private static Func<JsonObject, bool> ParseFieldSelector(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return static _ => true;
        }

        var tests = new List<Func<JsonObject, bool>>();
        foreach (var term in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length != 2)
            {
                throw FakeApiError.BadRequest($"invalid field selector: '{term}'");
            }

            var (field, value) = (parts[0].Trim(), parts[1].Trim());
            Func<JsonObject, string> read = field switch
            {
                "metadata.name" => o => Meta(o)["name"]?.GetValue<string>() ?? string.Empty,
                "metadata.namespace" => NamespaceOf,
                _ => throw FakeApiError.BadRequest($"field label not supported: {field}"),
            };
            tests.Add(o => (read(o) == value) != negate);
        }

        return o => tests.TrueForAll(t => t(o));
    }

    private SortedDictionary<string, JsonObject> Objects(ResourceKey resource)
    {
        if (!_objects.TryGetValue(resource, out var objects))
        {
            objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[resource] = objects;
        }

        return objects;
    }

    private JsonObject? Find(ResourceKey resource, string key) => Objects(resource).GetValueOrDefault(key);

    private bool IsKnownKind(ResourceKey resource)
    {
        lock (_lock)
        {
            return _kinds.ContainsKey(resource);
        }
    }

    private string KindOf(ResourceKey resource) =>
        _kinds.TryGetValue(resource, out var kind) ? kind : char.ToUpperInvariant(resource.Plural[0]) + resource.Plural[1..].TrimEnd('s');

    private static JsonObject Meta(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            meta = [];
            obj["metadata"] = meta;
        }

        return meta;
    }

    private static void SetOrRemove(JsonObject target, string name, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(name);
        }
        else
        {
            target[name] = value.DeepClone();
        }
    }

    private static string Key(string? @namespace, string name) => $"{@namespace}/{name}";

    private static string Rv(long revision) => revision.ToString(CultureInfo.InvariantCulture);

    private static string EncodeContinue(long revision, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["rv"] = revision, ["start"] = lastKey }.ToJsonString()));

    private static (long Revision, string After) DecodeContinue(string token)
    {
        try
        {
            var obj = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)))!.AsObject();
            return (obj["rv"]!.GetValue<long>(), obj["start"]!.GetValue<string>());
        }
        catch (Exception ex) when (ex is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw FakeApiError.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
            }
        });
    }

    private sealed record HistoryEvent(long Revision, ResourceKey Resource, string Type, JsonObject? Previous, JsonObject Current);
}
