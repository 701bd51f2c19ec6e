using MqttSource.Apis.Spec;

namespace MqttSource.Controller.Tracking;

/// <summary>An object a source refers to (its sink, its dead-letter sink), as Knative's tracker keys it.</summary>
/// <param name="ApiVersion">The referent's <c>apiVersion</c>, e.g. <c>eventing.knative.dev/v1</c> or <c>v1</c>.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
internal sealed record TrackedReference(string ApiVersion, string Kind, string Namespace, string Name)
{
    /// <summary>The kind's key: one informer per key.</summary>
    public string KindKey => ApiVersion + "|" + Kind;

    /// <summary>The reference of a Destination's <c>ref</c> in a source of <paramref name="sourceNamespace"/>, or null when it has none (or an incomplete one).</summary>
    public static TrackedReference? From(Destination? destination, string sourceNamespace) =>
        destination?.Ref is { ApiVersion: { Length: > 0 } apiVersion, Kind: { Length: > 0 } kind, Name: { Length: > 0 } name } reference
            ? new TrackedReference(apiVersion, kind, string.IsNullOrEmpty(reference.Namespace) ? sourceNamespace : reference.Namespace, name)
            : null;

    /// <summary>Group (empty for the core group) and version of an <c>apiVersion</c>.</summary>
    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
