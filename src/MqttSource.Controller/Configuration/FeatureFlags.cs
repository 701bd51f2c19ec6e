using k8s.Models;

namespace MqttSource.Controller.Configuration;

/// <summary>What the controller reads from Knative's <c>config-features</c>.</summary>
/// <param name="OidcEnabled"><c>authentication-oidc: enabled</c>: every source gets its own ServiceAccount (its OIDC identity).</param>
internal sealed record FeatureFlags(bool OidcEnabled)
{
    /// <summary>Knative's defaults (OIDC off), also when the ConfigMap does not exist.</summary>
    public static FeatureFlags Default { get; } = new(false);

    /// <summary>The flags of <paramref name="configMap"/> (null: absent).</summary>
    public static FeatureFlags From(V1ConfigMap? configMap) =>
        configMap?.Data?.TryGetValue(ConfigMapNames.OidcFeature, out var oidc) == true
            ? new FeatureFlags(string.Equals(oidc.Trim(), "enabled", StringComparison.OrdinalIgnoreCase))
            : Default;
}
