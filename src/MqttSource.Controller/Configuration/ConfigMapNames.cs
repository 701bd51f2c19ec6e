namespace MqttSource.Controller.Configuration;

/// <summary>The ConfigMaps the controller reads (and watches).</summary>
internal static class ConfigMapNames
{
    /// <summary>Knative Eventing's feature flags (in its namespace, <c>knative-eventing</c>).</summary>
    public const string Features = "config-features";

    /// <summary>Knative Eventing's namespace, where <see cref="Features"/> lives.</summary>
    public const string KnativeEventingNamespace = "knative-eventing";

    /// <summary>Our logging config (in the controller's namespace), shipped in <c>config/400-config-logging.yaml</c>.</summary>
    public const string Logging = "config-logging";

    /// <summary>Our observability config (in the controller's namespace), shipped in <c>config/400-config-observability.yaml</c>.</summary>
    public const string Observability = "config-observability";

    /// <summary>The key of Knative's OIDC feature in <see cref="Features"/>.</summary>
    public const string OidcFeature = "authentication-oidc";

    /// <summary>The adapter's level in <see cref="Logging"/>.</summary>
    public const string AdapterLevelKey = "loglevel.mqtt-source-adapter";

    /// <summary>The controller's level in <see cref="Logging"/>.</summary>
    public const string ControllerLevelKey = "loglevel.mqtt-source-controller";
}
