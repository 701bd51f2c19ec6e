using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using MqttSource.Controller.Api;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Resources;

namespace MqttSource.Controller.Reconciler;

/// <summary>Writes core/v1 Events about MqttSources (what <c>kubectl describe mqttsource</c> shows). Failures are logged, never thrown.</summary>
internal sealed class EventRecorder(IKubernetes client, string instance, TimeProvider time, ILogger logger)
{
    /// <summary><c>type: Normal</c>.</summary>
    public const string Normal = "Normal";

    /// <summary><c>type: Warning</c>.</summary>
    public const string Warning = "Warning";

    /// <summary>Records an event on <paramref name="source"/>.</summary>
    public async Task RecordAsync(MqttSourceResource source, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var meta = source.Metadata;
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(
                new Corev1Event
                {
                    ApiVersion = "v1",
                    Kind = "Event",
                    Metadata = new V1ObjectMeta { GenerateName = meta.Name + ".", NamespaceProperty = meta.NamespaceProperty },
                    InvolvedObject = new V1ObjectReference
                    {
                        ApiVersion = MqttSourceResources.ApiVersion,
                        Kind = MqttSourceResources.Kind,
                        Name = meta.Name,
                        NamespaceProperty = meta.NamespaceProperty,
                        Uid = meta.Uid,
                        ResourceVersion = meta.ResourceVersion,
                    },
                    Type = type,
                    Reason = reason,
                    Message = message.Length > 1024 ? message[..1024] : message,
                    Source = new V1EventSource { Component = AdapterLabels.SourceValue },
                    ReportingComponent = AdapterLabels.SourceValue,
                    ReportingInstance = instance,
                    FirstTimestamp = now,
                    LastTimestamp = now,
                    Count = 1,
                },
                meta.NamespaceProperty,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiErrors.IsApiFailure(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ControllerLog.EventFailed(logger, ex, reason, meta.NamespaceProperty ?? string.Empty, meta.Name ?? string.Empty);
        }
    }
}
