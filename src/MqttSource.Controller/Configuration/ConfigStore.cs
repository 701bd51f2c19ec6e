using k8s.Models;

namespace MqttSource.Controller.Configuration;

/// <summary>The current feature flags and observability config, kept up to date by the ConfigMap informers.</summary>
internal sealed class ConfigStore
{
    private readonly Lock _lock = new();
    private V1ConfigMap? _logging;
    private V1ConfigMap? _observability;

    /// <summary>Knative's feature flags.</summary>
    public FeatureFlags Features { get; private set; } = FeatureFlags.Default;

    /// <summary>What adapters and the controller get from config-logging and config-observability.</summary>
    public ObservabilityConfig Observability { get; private set; } = ObservabilityConfig.Empty;

    /// <summary>Takes a new config-features (null: deleted); true when the flags changed.</summary>
    public bool SetFeatures(V1ConfigMap? configMap)
    {
        var flags = FeatureFlags.From(configMap);
        lock (_lock)
        {
            var changed = flags != Features;
            Features = flags;
            return changed;
        }
    }

    /// <summary>Takes a new config-logging (null: deleted); true when what adapters or the controller get changed.</summary>
    public bool SetLogging(V1ConfigMap? configMap)
    {
        lock (_lock)
        {
            _logging = configMap;
            return Refresh();
        }
    }

    /// <summary>Takes a new config-observability (null: deleted); true when what adapters get changed.</summary>
    public bool SetObservability(V1ConfigMap? configMap)
    {
        lock (_lock)
        {
            _observability = configMap;
            return Refresh();
        }
    }

    private bool Refresh()
    {
        var next = ObservabilityConfig.From(_logging, _observability);
        var old = Observability;
        Observability = next;
        return next.LoggingJson != old.LoggingJson || next.ObservabilityJson != old.ObservabilityJson || next.ControllerLevel != old.ControllerLevel;
    }
}
