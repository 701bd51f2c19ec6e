using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MqttSource.Controller.Api;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// Whether a child object has drifted from what the controller wants, compared field by field on the JSON the API
/// server keeps, the way Knative compares (<c>equality.Semantic.DeepDerivative</c>): every field the desired object
/// sets must be equal in the existing one, lists must have the same length, and fields the desired object leaves unset
/// are the server's (its defaults: <c>imagePullPolicy</c>, <c>terminationMessagePath</c>, …) — except fields the controller
/// owns even unset: a container's <c>command</c> and <c>args</c>, the pod's <c>serviceAccountName</c>, <c>nodeSelector</c>
/// and <c>tolerations</c>, so that hand-added arguments, or an identity or placement no longer wanted, are taken out again.
/// </summary>
internal static class Drift
{
    /// <summary>True when <paramref name="existing"/> carries everything <paramref name="desired"/> sets.</summary>
    public static bool IsDerivative(JsonNode? desired, JsonNode? existing)
    {
        switch (desired)
        {
            case null:
                return true;
            case JsonObject wanted:
                if (existing is not JsonObject found)
                {
                    return wanted.Count == 0 && existing is null;
                }

                foreach (var (name, value) in wanted)
                {
                    if (!IsDerivative(value, found[name]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray wantedItems:
                if (existing is not JsonArray foundItems)
                {
                    return wantedItems.Count == 0 && existing is null;
                }

                if (wantedItems.Count != foundItems.Count)
                {
                    return false;
                }

                for (var i = 0; i < wantedItems.Count; i++)
                {
                    if (!IsDerivative(wantedItems[i], foundItems[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return existing is JsonValue && JsonNode.DeepEquals(desired, existing);
        }
    }

    /// <summary>Whether the StatefulSet must be updated: labels, replicas, update strategy, pod template (command and args exactly).</summary>
    public static bool StatefulSetDrifted(V1StatefulSet desired, V1StatefulSet existing)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(existing);
        if (!MetadataCarries(desired.Metadata, existing.Metadata)
            || existing.Spec is null
            || existing.Spec.Replicas != desired.Spec.Replicas
            || !IsDerivative(Json(desired.Spec.UpdateStrategy), Json(existing.Spec.UpdateStrategy))
            || !IsDerivative(Json(desired.Spec.Template), Json(existing.Spec.Template)))
        {
            return true;
        }

        var wantedPod = desired.Spec.Template.Spec;
        var foundPod = existing.Spec.Template?.Spec;
        if (string.IsNullOrEmpty(wantedPod.ServiceAccountName) != string.IsNullOrEmpty(foundPod?.ServiceAccountName)
            || (wantedPod.NodeSelector is not { Count: > 0 } && foundPod?.NodeSelector is { Count: > 0 })
            || (wantedPod.Tolerations is not { Count: > 0 } && foundPod?.Tolerations is { Count: > 0 }))
        {
            return true;
        }

        var found = foundPod?.Containers ?? [];
        return wantedPod.Containers.Any(want =>
            found.FirstOrDefault(c => c.Name == want.Name) is not { } have
            || !SameList(want.Command, have.Command)
            || !SameList(want.Args, have.Args));
    }

    /// <summary>Whether the Service must be updated: labels, selector, ports, cluster IP, not-ready addresses.</summary>
    public static bool ServiceDrifted(V1Service desired, V1Service existing)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(existing);
        return !MetadataCarries(desired.Metadata, existing.Metadata) || !IsDerivative(Json(desired.Spec), Json(existing.Spec));
    }

    /// <summary>Whether the ServiceAccount must be updated: labels, annotations, owner.</summary>
    public static bool ServiceAccountDrifted(V1ServiceAccount desired, V1ServiceAccount existing)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(existing);
        return !MetadataCarries(desired.Metadata, existing.Metadata);
    }

    /// <summary>Our labels and annotations are there (others may be too) and our controller reference is.</summary>
    private static bool MetadataCarries(V1ObjectMeta desired, V1ObjectMeta? existing) =>
        existing is not null
        && IsDerivative(Json(desired.Labels), Json(existing.Labels))
        && IsDerivative(Json(desired.Annotations), Json(existing.Annotations))
        && (desired.OwnerReferences ?? []).All(want => existing.OwnerReferences?.Any(have => have.Uid == want.Uid && have.Controller == want.Controller && have.Kind == want.Kind) == true);

    private static bool SameList(IList<string>? desired, IList<string>? existing) =>
        (desired ?? []).SequenceEqual(existing ?? [], StringComparer.Ordinal);

    private static JsonNode? Json(object? value) =>
        value is null ? null : JsonNode.Parse(KubernetesJson.Serialize(value, ControllerJson.Options));
}
