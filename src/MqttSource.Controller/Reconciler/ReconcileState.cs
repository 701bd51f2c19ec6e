using MqttSource.Apis.Status;
using MqttSource.Controller.Resources;

namespace MqttSource.Controller.Reconciler;

/// <summary>One reconcile of one source: the source as read, its status before, the conditions and status being built.</summary>
internal sealed class ReconcileState(MqttSourceResource source, MqttSourceStatus before, MqttSourceConditionSet conditions)
{
    /// <summary>The source as read.</summary>
    public MqttSourceResource Source { get; } = source;

    /// <summary>Its status when read.</summary>
    public MqttSourceStatus Before { get; } = before;

    /// <summary>The conditions being decided.</summary>
    public MqttSourceConditionSet Conditions { get; } = conditions;

    /// <summary>The status being built.</summary>
    public MqttSourceStatus Status { get; set; } = before;

    /// <summary><c>namespace</c>.</summary>
    public string Namespace => Source.Metadata.NamespaceProperty ?? string.Empty;

    /// <summary><c>name</c>.</summary>
    public string Name => Source.Metadata.Name ?? string.Empty;
}
