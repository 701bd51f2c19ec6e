using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Status;
using MqttSource.Controller.Api;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Sinks;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// Runs the adapter of one source: its OIDC ServiceAccount (when Knative's <c>authentication-oidc</c> is on), the headless
/// Service, the StatefulSet — each created when missing and put back when it drifted — and <c>Deployed</c> from the
/// StatefulSet's rollout.
/// </summary>
internal sealed class AdapterDeployment(IKubernetes client, ReconcilerOptions options, ConfigStore config, EventRecorder events, ILogger logger)
{
    private readonly ChildKind<V1ServiceAccount> _accounts = ChildKinds.ServiceAccounts(client);
    private readonly ChildKind<V1Service> _services = ChildKinds.Services(client);
    private readonly ChildKind<V1StatefulSet> _sets = ChildKinds.StatefulSets(client);

    /// <summary>Deploys; conditions and status go into <paramref name="state"/>.</summary>
    public async Task<ReconcileResult> DeployAsync(ReconcileState state, MqttSourceSpec spec, AdapterOverrides overrides, ResolvedSink sink, ResolvedSink? deadLetter, CancellationToken cancellationToken)
    {
        var source = state.Source;
        var uid = source.Metadata.Uid ?? string.Empty;
        string? serviceAccount = null;
        if (config.Features.OidcEnabled)
        {
            var account = OidcIdentity.Make(source);
            if (await EnsureAsync(state, _accounts, account, uid, cancellationToken).ConfigureAwait(false) is null)
            {
                state.Status = state.Status with { Auth = null };
                return AfterFailure(state);
            }

            serviceAccount = account.Metadata.Name;
        }

        state.Status = state.Status with { Auth = serviceAccount is null ? null : new AuthStatus { ServiceAccountName = serviceAccount } };
        var observability = config.Observability;
        var desired = ReceiveAdapter.Make(new ReceiveAdapterArgs
        {
            Source = source,
            Spec = spec,
            Sink = sink,
            DeadLetterSink = deadLetter,
            Image = options.AdapterImage,
            Overrides = overrides,
            ServiceAccountName = serviceAccount,
            LoggingConfig = observability.LoggingJson,
            ObservabilityConfig = observability.ObservabilityJson,
        });
        if (await EnsureAsync(state, _services, AdapterService.Make(source), uid, cancellationToken).ConfigureAwait(false) is null
            || await EnsureAsync(state, _sets, desired, uid, cancellationToken).ConfigureAwait(false) is not V1StatefulSet set)
        {
            return AfterFailure(state);
        }

        var want = desired.Spec.Replicas ?? 1;
        if (Rollout.Pending(set, want, $"{AdapterLabels.NameKey}={state.Name}") is { } pending)
        {
            state.Conditions.MarkUnknown(ConditionTypes.Deployed, pending.Reason, pending.Message);
        }
        else
        {
            state.Conditions.MarkTrue(ConditionTypes.Deployed);
        }

        return ReconcileResult.Done;
    }

    /// <summary>A child that is not ours waits for a change (the user deletes it); an API failure is retried with backoff.</summary>
    private static ReconcileResult AfterFailure(ReconcileState state) =>
        state.Conditions.Get(ConditionTypes.Deployed)?.Reason?.EndsWith("NotOwned", StringComparison.Ordinal) == true ? ReconcileResult.Done : ReconcileResult.Backoff;

    /// <summary>The child as it is now, or null when it is not ours or the API failed (Deployed=False says which).</summary>
    private async Task<T?> EnsureAsync<T>(ReconcileState state, ChildKind<T> kind, T desired, string uid, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var name = desired.Metadata.Name;
        try
        {
            var (outcome, current) = await ChildKinds.EnsureAsync(kind, desired, uid, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case ChildOutcome.NotOwned:
                    state.Conditions.MarkFalse(
                        ConditionTypes.Deployed,
                        kind.Kind + "NotOwned",
                        $"{kind.Kind} {state.Namespace}/{name} exists and is not controlled by this MqttSource; delete or rename it");
                    return null;
                case ChildOutcome.Created:
                    ControllerLog.ChildCreated(logger, kind.Kind, state.Namespace, name);
                    await events.RecordAsync(state.Source, EventRecorder.Normal, kind.Kind + "Created", $"Created {kind.Kind} {name} for the receive adapter", cancellationToken).ConfigureAwait(false);
                    break;
                case ChildOutcome.Updated:
                    ControllerLog.ChildUpdated(logger, kind.Kind, state.Namespace, name);
                    await events.RecordAsync(state.Source, EventRecorder.Normal, kind.Kind + "Updated", $"Updated {kind.Kind} {name}: it differed from the desired one", cancellationToken).ConfigureAwait(false);
                    break;
            }

            return current;
        }
        catch (Exception ex) when (ApiErrors.IsApiFailure(ex))
        {
            state.Conditions.MarkFalse(
                ConditionTypes.Deployed,
                kind.Kind + (ApiErrors.IsConflict(ex) ? "Conflict" : "Failed"),
                $"cannot create or update {kind.Kind} {state.Namespace}/{name}: {ApiErrors.Message(ex)}");
            return null;
        }
    }
}
