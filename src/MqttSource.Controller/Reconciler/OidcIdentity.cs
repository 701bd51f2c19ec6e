using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using MqttSource.Controller.Resources;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// The per-source ServiceAccount Knative creates when its <c>authentication-oidc</c> feature is on: named as Knative's
/// <c>auth.GetOIDCServiceAccountNameForResource</c> does (<c>kmeta.ChildName(name, "-oidc-&lt;group&gt;-&lt;kind&gt;")</c>,
/// lower-cased), owned by the source. The adapter runs under it, so the OIDC tokens it sends name the source itself.
/// </summary>
internal static class OidcIdentity
{
    /// <summary>Longest Kubernetes name (DNS label).</summary>
    private const int Longest = 63;

    /// <summary>Hex length of an MD5 sum.</summary>
    private const int Md5Length = 32;

    /// <summary>Label Knative puts on OIDC service accounts.</summary>
    public const string LabelKey = "eventing.knative.dev/oidc";

    /// <summary>The ServiceAccount name for the MqttSource <paramref name="sourceName"/>.</summary>
    public static string NameFor(string sourceName) =>
        ChildName(sourceName, "-oidc-" + MqttSourceResources.Group + "-" + MqttSourceResources.Kind).ToLowerInvariant();

    /// <summary>The desired ServiceAccount of <paramref name="source"/>.</summary>
    public static V1ServiceAccount Make(MqttSourceResource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = source.Metadata.Name ?? throw new ArgumentException("the source has no name", nameof(source));
        var owner = ReceiveAdapter.OwnerReference(source);
        owner.BlockOwnerDeletion = false;
        var labels = ReceiveAdapter.Labels(name);
        labels[LabelKey] = "enabled";
        return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta
            {
                Name = NameFor(name),
                NamespaceProperty = source.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["description"] = $"Service Account for OIDC Authentication for {MqttSourceResources.Kind} \"{name}\"",
                },
                OwnerReferences = [owner],
            },
        };
    }

    /// <summary>Knative's <c>kmeta.ChildName</c>: <paramref name="parent"/> + <paramref name="suffix"/>, hashed down to 63 characters.</summary>
    public static string ChildName(string parent, string suffix)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(suffix);
        const int head = Longest - Md5Length;
        if (parent.Length <= Longest - suffix.Length)
        {
            return parent + suffix;
        }

        if (head - suffix.Length <= 0)
        {
            var whole = Md5Hex(parent + suffix);
            var trimmed = parent.Length > head ? parent[..head] : parent;
            var result = trimmed + whole;
            if (Longest - result.Length is var room and > 0)
            {
                result += suffix[..Math.Min(room, suffix.Length)];
            }

            return result.TrimEnd('-');
        }

        return parent[..(head - suffix.Length)] + Md5Hex(parent) + suffix;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "A name, as Knative derives it; not security.")]
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
