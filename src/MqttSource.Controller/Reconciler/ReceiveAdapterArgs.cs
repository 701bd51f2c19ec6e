using MqttSource.Apis.Spec;
using MqttSource.Controller.Resources;
using MqttSource.Controller.Sinks;

namespace MqttSource.Controller.Reconciler;

/// <summary>Everything <see cref="ReceiveAdapter.Make"/> needs: the source, its parsed spec, the resolved sinks and the image.</summary>
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

    /// <summary>Optional <c>K_LOGGING_CONFIG</c> for the adapter (JSON).</summary>
    public string? LoggingConfig { get; init; }
}
