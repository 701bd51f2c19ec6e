using Microsoft.Extensions.Logging;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Resources;
using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Controller.Reconciler;

/// <summary>Writes core/v1 Events about MqttSources (what <c>kubectl describe mqttsource</c> shows). Failures are logged, never thrown.</summary>
internal sealed class EventRecorder(KubernetesClient client, string instance, TimeProvider time, ILogger logger)
{
    /// <summary><c>type: Normal</c>.</summary>
    public const string Normal = "Normal";

    /// <summary><c>type: Warning</c>.</summary>
    public const string Warning = "Warning";

    private readonly ResourceClient<CoreEvent> _events = client.Events();

    /// <summary>Records an event on <paramref name="source"/>.</summary>
    public async Task RecordAsync(MqttSourceResource source, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var meta = source.Metadata;
        var now = time.GetUtcNow();
        try
        {
            await _events.CreateAsync(
                new CoreEvent
                {
                    Metadata = new ObjectMeta { GenerateName = meta.Name + ".", Namespace = meta.Namespace },
                    InvolvedObject = new ObjectReference
                    {
                        ApiVersion = MqttSourceResources.ApiVersion,
                        Kind = MqttSourceResources.Kind,
                        Name = meta.Name,
                        Namespace = meta.Namespace,
                        Uid = meta.Uid,
                        ResourceVersion = meta.ResourceVersion,
                    },
                    Type = type,
                    Reason = reason,
                    Message = message.Length > 1024 ? message[..1024] : message,
                    Source = new EventSource { Component = AdapterLabels.SourceValue },
                    ReportingComponent = AdapterLabels.SourceValue,
                    ReportingInstance = instance,
                    FirstTimestamp = now,
                    LastTimestamp = now,
                    Count = 1,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ControllerLog.EventFailed(logger, ex, reason, meta.Namespace ?? string.Empty, meta.Name ?? string.Empty);
        }
    }
}
