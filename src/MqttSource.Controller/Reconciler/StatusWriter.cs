using k8s;
using Microsoft.Extensions.Logging;
using MqttSource.Apis.Status;
using MqttSource.Controller.Api;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Resources;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// Writes <c>status</c> through the status subresource only when it changed, with the resourceVersion read; on a
/// conflict it re-reads and tries again while the spec is the same (a new generation is reconciled from the top).
/// </summary>
internal sealed class StatusWriter(IKubernetes client, int attempts, ILogger logger)
{
    /// <summary>True when the status is as wanted (written or unchanged); false: give up for now (requeue).</summary>
    public async Task<bool> WriteAsync(MqttSourceResource source, MqttSourceStatus wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(wanted);
        var json = wanted.ToJson();
        for (var attempt = 1; ; attempt++)
        {
            if (source.Status?.ToJson() == json)
            {
                return true;
            }

            source.Status = wanted;
            try
            {
                await MqttSourceResources.ReplaceStatusAsync(client, source, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ApiErrors.IsConflict(ex))
            {
                if (attempt >= attempts)
                {
                    return false; // keeps conflicting: back off and reconcile again
                }

                ControllerLog.StatusConflict(logger, source.Metadata.NamespaceProperty ?? string.Empty, source.Metadata.Name ?? string.Empty, attempt);
                var latest = await MqttSourceResources.TryGetAsync(client, source.Metadata.NamespaceProperty ?? string.Empty, source.Metadata.Name ?? string.Empty, cancellationToken).ConfigureAwait(false);
                if (latest is null || latest.Metadata.Generation != source.Metadata.Generation)
                {
                    return false; // deleted or changed meanwhile: reconcile again from the top
                }

                source = latest;
            }
        }
    }
}
