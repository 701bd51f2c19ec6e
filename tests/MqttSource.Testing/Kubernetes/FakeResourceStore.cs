using System.Globalization;
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
    private readonly KindRegistry _kinds = new();
    private readonly WatchHistory _watches = new(historyLimit);
    private long _revision = 1000;

    public bool GarbageCollection { get; set; } = true;

    public string CurrentRevision
    {
        get
        {
            lock (_lock)
            {
                return FakeObjects.Rv(_revision);
            }
        }
    }

    public JsonObject Get(ApiRequestPath path)
    {
        lock (_lock)
        {
            return Find(path.Resource, FakeObjects.Key(path.Namespace, path.Name!))?.DeepClone().AsObject() ?? throw FakeApiError.NotFound(path.Resource, path.Name!);
        }
    }

    public JsonObject List(ApiRequestPath path, string? labelSelector, string? fieldSelector, int? limit, string? continueToken)
    {
        var labels = LabelSelector.Parse(labelSelector);
        var fields = FieldSelector.Parse(fieldSelector);
        lock (_lock)
        {
            var listRevision = _revision;
            string? after = null;
            if (!string.IsNullOrEmpty(continueToken))
            {
                (listRevision, after) = ContinueToken.Decode(continueToken);
                if (listRevision < _watches.Compacted)
                {
                    throw FakeApiError.Expired(
                        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                }
            }

            var matching = Objects(path.Resource)
                .Where(p => after is null || string.CompareOrdinal(p.Key, after) > 0)
                .Where(p => (path.Namespace is null || FakeObjects.NamespaceOf(p.Value) == path.Namespace) && labels.Matches(FakeObjects.LabelsOf(p.Value)) && fields(p.Value))
                .ToList();
            var page = limit is > 0 ? matching.Take(limit.Value).ToList() : matching;
            var meta = new JsonObject { ["resourceVersion"] = FakeObjects.Rv(listRevision) };
            if (page.Count < matching.Count)
            {
                meta["continue"] = ContinueToken.Encode(listRevision, page[^1].Key);
                meta["remainingItemCount"] = matching.Count - page.Count;
            }

            return new JsonObject
            {
                ["kind"] = _kinds.KindOf(path.Resource) + "List",
                ["apiVersion"] = path.ApiVersion,
                ["metadata"] = meta,
                ["items"] = new JsonArray([.. page.Select(p => (JsonNode)p.Value.DeepClone())]),
            };
        }
    }

    /// <summary>Tells the store the kind of a resource (as installing a CRD tells the real server).</summary>
    public void RegisterKind(ResourceKey resource, string kind) => _kinds.Register(resource, kind);

    /// <summary>
    /// POST. Like the real server, a body without <c>kind</c> and <c>apiVersion</c> is fine (the URL says what it is;
    /// KubernetesClient's typed models leave them unset): they are filled in from the path.
    /// </summary>
    public JsonObject Create(ApiRequestPath path, JsonObject body, bool keepStatus = false)
    {
        FakeObjects.CheckApiVersion(path, body);
        if (body["kind"] is JsonValue kindValue && kindValue.GetValue<string>() is var sentKind && sentKind != _kinds.KindOf(path.Resource) && _kinds.IsKnown(path.Resource))
        {
            throw FakeApiError.BadRequest($"the kind in the data ({sentKind}) does not match the expected kind ({_kinds.KindOf(path.Resource)})");
        }

        var name = FakeObjects.NameToCreate(path, body);

        lock (_lock)
        {
            var objects = Objects(path.Resource);
            var key = FakeObjects.Key(path.Namespace, name);
            if (objects.ContainsKey(key))
            {
                throw FakeApiError.AlreadyExists(path.Resource, name);
            }

            var obj = (JsonObject)body.DeepClone();
            obj["apiVersion"] ??= path.ApiVersion;
            obj["kind"] ??= _kinds.KindOf(path.Resource);
            _kinds.Learn(path.Resource, obj["kind"]!.GetValue<string>());
            if (!keepStatus)
            {
                obj.Remove("status");
            }

            var m = FakeObjects.Meta(obj);
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
            m["creationTimestamp"] = FakeObjects.Timestamp(time.GetUtcNow());
            m["generation"] = 1L;
            m.Remove("deletionTimestamp");
            m["resourceVersion"] = FakeObjects.Rv(++_revision);
            objects[key] = obj;
            Record(path.Resource, "ADDED", null, obj);
            return (JsonObject)obj.DeepClone();
        }
    }

    /// <summary>PUT: with a resourceVersion, a stale one is a conflict; the main resource ignores status, /status ignores the rest.</summary>
    public JsonObject Replace(ApiRequestPath path, JsonObject body, bool statusOnly)
    {
        var name = FakeObjects.Meta(body)["name"]?.GetValue<string>();
        if (name is not null && name != path.Name)
        {
            throw FakeApiError.BadRequest($"the name of the object ({name}) does not match the name on the URL ({path.Name})");
        }

        FakeObjects.CheckApiVersion(path, body);
        lock (_lock)
        {
            var key = FakeObjects.Key(path.Namespace, path.Name!);
            var old = Find(path.Resource, key) ?? throw FakeApiError.NotFound(path.Resource, path.Name!);
            CheckResourceVersion(path, old, FakeObjects.Meta(body)["resourceVersion"]?.GetValue<string>());
            return (JsonObject)Commit(path.Resource, key, old, body, statusOnly).DeepClone();
        }
    }

    /// <summary>PATCH (merge patch): applied to the current object, then stored like a PUT; a resourceVersion in the patch is a precondition.</summary>
    public JsonObject Patch(ApiRequestPath path, JsonObject patch, bool statusOnly)
    {
        lock (_lock)
        {
            var key = FakeObjects.Key(path.Namespace, path.Name!);
            var old = Find(path.Resource, key) ?? throw FakeApiError.NotFound(path.Resource, path.Name!);
            var rv = patch["metadata"] is JsonObject pm ? pm["resourceVersion"]?.GetValue<string>() : null;
            CheckResourceVersion(path, old, rv);
            if (JsonMergePatch.Apply(old, patch) is not JsonObject merged)
            {
                throw FakeApiError.BadRequest("the patch does not give an object");
            }

            if (FakeObjects.Meta(merged)["name"]?.GetValue<string>() != path.Name)
            {
                throw FakeApiError.BadRequest("metadata.name cannot be changed by a patch");
            }

            FakeObjects.Meta(merged)["resourceVersion"] = FakeObjects.Meta(old)["resourceVersion"]?.DeepClone();
            return (JsonObject)Commit(path.Resource, key, old, merged, statusOnly).DeepClone();
        }
    }

    public JsonObject Delete(ApiRequestPath path, string? propagationPolicy, JsonObject? preconditions)
    {
        lock (_lock)
        {
            var key = FakeObjects.Key(path.Namespace, path.Name!);
            var old = Find(path.Resource, key) ?? throw FakeApiError.NotFound(path.Resource, path.Name!);
            var meta = FakeObjects.Meta(old);
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
        var subscription = new WatchSubscription(path.Resource, path.ApiVersion, path.Namespace, LabelSelector.Parse(labelSelector), FieldSelector.Parse(fieldSelector), bookmarks);
        lock (_lock)
        {
            _watches.Subscribe(subscription, resourceVersion, Objects(path.Resource).Values);
        }

        return subscription;
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_lock)
        {
            _watches.Unsubscribe(subscription);
        }
    }

    public int WatchCount
    {
        get
        {
            lock (_lock)
            {
                return _watches.Count;
            }
        }
    }

    public void ForEachWatch(Action<WatchSubscription> action)
    {
        lock (_lock)
        {
            _watches.ForEach(action);
        }
    }

    public void SendBookmarks()
    {
        lock (_lock)
        {
            _watches.SendBookmarks(_kinds.KindOf, _revision);
        }
    }

    /// <summary>Forgets the change history: watching from any earlier resourceVersion now gets 410.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _watches.Compact(_revision);
        }
    }

    /// <summary>Test seeding: creates or replaces the whole object, status included.</summary>
    public JsonObject Upsert(ResourceKey resource, string apiVersion, JsonObject obj)
    {
        var ns = FakeObjects.Meta(obj)["namespace"]?.GetValue<string>();
        var name = FakeObjects.Meta(obj)["name"]?.GetValue<string>() ?? throw new ArgumentException("metadata.name is required", nameof(obj));
        var path = new ApiRequestPath(resource.Group, apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion.Split('/')[1] : apiVersion, string.IsNullOrEmpty(ns) ? null : ns, resource.Plural, name, null);
        lock (_lock)
        {
            var key = FakeObjects.Key(path.Namespace, name);
            var body = (JsonObject)obj.DeepClone();
            body["apiVersion"] ??= apiVersion;
            body["kind"] ??= _kinds.KindOf(resource);
            FakeObjects.Meta(body).Remove("resourceVersion");
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
            return Find(resource, FakeObjects.Key(@namespace, name))?.DeepClone().AsObject();
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
        var next = FakeObjects.Updated(old, proposed, statusOnly);
        if (JsonNode.DeepEquals(old, next))
        {
            return old; // a no-op update: no new resourceVersion, no event
        }

        var finalizers = FakeObjects.Meta(next)["finalizers"] as JsonArray;
        if (FakeObjects.Meta(next)["deletionTimestamp"] is not null && (finalizers is null || finalizers.Count == 0))
        {
            Objects(resource).Remove(key);
            FakeObjects.Meta(next)["resourceVersion"] = FakeObjects.Rv(++_revision);
            Record(resource, "DELETED", old, next);
            return next;
        }

        FakeObjects.Meta(next)["resourceVersion"] = FakeObjects.Rv(++_revision);
        Objects(resource)[key] = next;
        Record(resource, "MODIFIED", old, next);
        return next;
    }

    private JsonObject DeleteCore(ResourceKey resource, string key, JsonObject old, string? propagationPolicy)
    {
        var meta = FakeObjects.Meta(old);
        if (meta["finalizers"] is JsonArray { Count: > 0 })
        {
            if (meta["deletionTimestamp"] is not null)
            {
                return old;
            }

            var marked = (JsonObject)old.DeepClone();
            FakeObjects.Meta(marked)["deletionTimestamp"] = FakeObjects.Timestamp(time.GetUtcNow());
            FakeObjects.Meta(marked)["deletionGracePeriodSeconds"] = 0;
            FakeObjects.Meta(marked)["resourceVersion"] = FakeObjects.Rv(++_revision);
            Objects(resource)[key] = marked;
            Record(resource, "MODIFIED", old, marked);
            return marked;
        }

        Objects(resource).Remove(key);
        var deleted = (JsonObject)old.DeepClone();
        FakeObjects.Meta(deleted)["resourceVersion"] = FakeObjects.Rv(++_revision);
        Record(resource, "DELETED", old, deleted);

        var uid = meta["uid"]?.GetValue<string>();
        if (GarbageCollection && uid is not null)
        {
            foreach (var (dependentResource, dependentKey, dependent) in Dependents(uid))
            {
                if (propagationPolicy == "Orphan")
                {
                    Commit(dependentResource, dependentKey, dependent, FakeObjects.WithoutOwner(dependent, uid), statusOnly: false);
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
            .Where(o => FakeObjects.IsOwnedBy(o.Value, uid))
            .Select(o => (r.Key, o.Key, o.Value)))];

    private void Record(ResourceKey resource, string type, JsonObject? previous, JsonObject current) =>
        _watches.Record(new HistoryEvent(_revision, resource, type, previous?.DeepClone().AsObject(), current.DeepClone().AsObject()));

    private void CheckResourceVersion(ApiRequestPath path, JsonObject current, string? sent)
    {
        if (!string.IsNullOrEmpty(sent) && sent != FakeObjects.Meta(current)["resourceVersion"]?.GetValue<string>())
        {
            throw FakeApiError.Conflict(path.Resource, path.Name!);
        }
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
}
