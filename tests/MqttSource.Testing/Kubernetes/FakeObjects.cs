using System.Globalization;
using System.Text.Json.Nodes;

namespace MqttSource.Testing.Kubernetes;

/// <summary>Reading and writing the parts of a stored object (JSON) the fake API server works with.</summary>
internal static class FakeObjects
{
    /// <summary><c>metadata</c>, created when missing.</summary>
    public static JsonObject Meta(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            meta = [];
            obj["metadata"] = meta;
        }

        return meta;
    }

    public static string NamespaceOf(JsonObject obj) => Meta(obj)["namespace"]?.GetValue<string>() ?? string.Empty;

    public static IReadOnlyDictionary<string, string> LabelsOf(JsonObject obj) =>
        Meta(obj)["labels"] is JsonObject labels
            ? labels.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>Everything but metadata, status, apiVersion and kind: what a change of bumps <c>generation</c>.</summary>
    public static JsonObject DesiredState(JsonObject obj)
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

    public static void SetOrRemove(JsonObject target, string name, JsonNode? value)
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

    /// <summary>
    /// What an update stores (resourceVersion still the old one): through <c>/status</c> only the status changes;
    /// otherwise everything but the status and the server-owned metadata, and <c>generation</c> goes up when the desired
    /// state changed.
    /// </summary>
    public static JsonObject Updated(JsonObject old, JsonObject proposed, bool statusOnly)
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
        return next;
    }

    /// <summary>The name of an object to create (<c>generateName</c> completed), after the checks the real server makes.</summary>
    public static string NameToCreate(ApiRequestPath path, JsonObject body)
    {
        var meta = Meta(body);
        if (meta["resourceVersion"] is not null)
        {
            throw new FakeApiError(500, "InternalError", "resourceVersion should not be set on objects to be created");
        }

        var bodyNamespace = meta["namespace"]?.GetValue<string>();
        if (path.Namespace is not null && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != path.Namespace)
        {
            throw FakeApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var name = meta["name"]?.GetValue<string>();
        return string.IsNullOrEmpty(name)
            ? (meta["generateName"]?.GetValue<string>() ?? throw new FakeApiError(422, "Invalid", "metadata.name: Required value: name or generateName is required")) + RandomSuffix()
            : name;
    }

    /// <summary>Whether <paramref name="obj"/> has an owner reference to <paramref name="uid"/>.</summary>
    public static bool IsOwnedBy(JsonObject obj, string uid) =>
        Meta(obj)["ownerReferences"] is JsonArray refs && refs.Any(r => r?["uid"]?.GetValue<string>() == uid);

    /// <summary>A copy of <paramref name="obj"/> without its owner references to <paramref name="uid"/> (an orphan).</summary>
    public static JsonObject WithoutOwner(JsonObject obj, string uid)
    {
        var orphan = (JsonObject)obj.DeepClone();
        var refs = (JsonArray)Meta(orphan)["ownerReferences"]!;
        foreach (var r in refs.Where(r => r?["uid"]?.GetValue<string>() == uid).ToList())
        {
            refs.Remove(r);
        }

        return orphan;
    }

    /// <summary>An <c>apiVersion</c> in the body must be the one of the URL.</summary>
    public static void CheckApiVersion(ApiRequestPath path, JsonObject body)
    {
        if (body["apiVersion"]?.GetValue<string>() is { } apiVersion && apiVersion != path.ApiVersion)
        {
            throw FakeApiError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({path.ApiVersion})");
        }
    }

    /// <summary>The store key <c>namespace/name</c>.</summary>
    public static string Key(string? @namespace, string name) => $"{@namespace}/{name}";

    /// <summary>A resourceVersion.</summary>
    public static string Rv(long revision) => revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>A timestamp as the API server writes it.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The five characters <c>generateName</c> gets.</summary>
    public static string RandomSuffix()
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
}
