using MqttSource.Apis.Spec;
using MqttSource.Controller.Resources;
using MqttSource.Controller.Sinks;

namespace MqttSource.Controller.Reconciler;

/// <summary>Everything <see cref="ReceiveAdapter.Make"/> needs: the source, its parsed spec, the resolved sinks, the image and the config.</summary>
internal sealed record ReceiveAdapterArgs
{
    /// <summary>The MqttSource (name, namespace, uid for the owner reference).</summary>
    public required MqttSourceResource Source { get; init; }

    /// <summary>Its spec, parsed and valid.</summary>
    public required MqttSourceSpec Spec { get; init; }

    /// <summary>The resolved <c>spec.sink</c>.</summary>
    public required ResolvedSink Sink { get; init; }

    /// <summary>The resolved <c>spec.delivery.deadLetterSink</c>, if any.</summary>
    public ResolvedSink? DeadLetterSink { get; init; }

    /// <summary>The adapter image (controller env <c>MQTT_RA_IMAGE</c>).</summary>
    public required string Image { get; init; }

    /// <summary><c>spec.adapter</c>, read.</summary>
    public AdapterOverrides Overrides { get; init; } = AdapterOverrides.None;

    /// <summary>The pods' service account (the per-source OIDC identity), or null for the namespace's default.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary><c>K_LOGGING_CONFIG</c> (config-logging as JSON), if any.</summary>
    public string? LoggingConfig { get; init; }

    /// <summary><c>K_OBSERVABILITY_CONFIG</c> (config-observability as JSON), if any.</summary>
    public string? ObservabilityConfig { get; init; }
}
