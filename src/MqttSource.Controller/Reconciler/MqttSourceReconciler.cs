using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MqttSource.Apis.Settings;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Status;
using MqttSource.Apis.Validation;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Resources;
using MqttSource.Controller.Sinks;
using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// Brings one MqttSource to its desired state, idempotently: validate → resolve the sink and the dead-letter sink →
/// create the adapter StatefulSet, or update it only when the desired one differs (hash annotation) → write
/// <c>status</c> (Valid, SinkProvided, Deployed, Ready, sinkUri, …) through the status subresource, only when it
/// changed, re-reading on conflict. A reconcile that finds everything in place sends no write at all.
/// </summary>
internal sealed class MqttSourceReconciler
{
    private readonly ResourceClient<MqttSourceResource> _sources;
    private readonly ResourceClient<StatefulSet> _sets;
    private readonly SinkResolver _resolver;
    private readonly EventRecorder _events;
    private readonly ReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>A reconciler talking to <paramref name="client"/>.</summary>
    public MqttSourceReconciler(KubernetesClient client, ReconcilerOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _sources = client.MqttSources();
        _sets = client.StatefulSets();
        _resolver = new SinkResolver(client);
        _events = new EventRecorder(client, options.Instance, _time, _logger);
    }

    /// <summary>Reconciles the MqttSource <paramref name="namespace"/>/<paramref name="name"/>. API failures other than those turned into conditions throw.</summary>
    public async Task<ReconcileResult> ReconcileAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        var source = await _sources.TryGetAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        if (source is null || source.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done; // the garbage collector removes the StatefulSet (owner reference)
        }

        var before = ReadStatus(source);
        var state = new State(source, before, new MqttSourceConditionSet(before.Conditions, _time));
        state.Conditions.InitializeConditions();
        state.Status = before with { ObservedGeneration = source.Metadata.Generation };
        var result = await ReconcileCoreAsync(state, @namespace, name, cancellationToken).ConfigureAwait(false);
        state.Status = state.Conditions.ApplyTo(state.Status);
        await RecordTransitionsAsync(state, cancellationToken).ConfigureAwait(false);
        return await WriteStatusAsync(state, cancellationToken).ConfigureAwait(false) ? result : ReconcileResult.Backoff;
    }

    private async Task<ReconcileResult> ReconcileCoreAsync(State state, string @namespace, string name, CancellationToken cancellationToken)
    {
        var (spec, errors) = Parse(state.Source);
        state.Conditions.MarkValid(errors);
        if (spec is null || errors.Count > 0)
        {
            return ReconcileResult.Done; // the adapter keeps its last good configuration; a spec change reconciles again
        }

        var settings = MqttSourceSettings.Resolve(spec, name, @namespace, ValidationMode.Kubernetes);
        state.Status = state.Status with { CeAttributes = settings.CeAttributes() };

        var sink = await _resolver.ResolveAsync(spec.Sink, @namespace, "spec.sink", cancellationToken).ConfigureAwait(false);
        ResolvedSink? deadLetter = null;
        if (sink.Sink is not null && spec.Delivery?.DeadLetterSink is { } deadLetterDestination)
        {
            var resolved = await _resolver.ResolveAsync(deadLetterDestination, @namespace, "spec.delivery.deadLetterSink", cancellationToken).ConfigureAwait(false);
            if (resolved.Sink is null)
            {
                sink = resolved with { Reason = "DeadLetter" + resolved.Reason };
            }

            deadLetter = resolved.Sink;
        }

        if (sink.Sink is not { } target)
        {
            state.Conditions.MarkFalse(ConditionTypes.SinkProvided, sink.Reason!, sink.Message!);
            state.Status = state.Status with { SinkUri = null, SinkCACerts = null, SinkAudience = null };
            return sink.Retry ? ReconcileResult.Backoff : ReconcileResult.Done;
        }

        state.Conditions.MarkTrue(ConditionTypes.SinkProvided);
        state.Status = state.Status with { SinkUri = target.Uri.AbsoluteUri, SinkCACerts = target.CACerts, SinkAudience = target.Audience };

        var desired = ReceiveAdapter.Make(new ReceiveAdapterArgs
        {
            Source = state.Source,
            Spec = spec,
            Sink = target,
            DeadLetterSink = deadLetter,
            Image = _options.AdapterImage,
            LoggingConfig = _options.AdapterLoggingConfig,
        });
        StatefulSet current;
        try
        {
            var found = await _sets.TryGetAsync(@namespace, desired.Metadata.Name!, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                current = await _sets.CreateAsync(desired, cancellationToken).ConfigureAwait(false);
                ControllerLog.StatefulSetCreated(_logger, @namespace, desired.Metadata.Name!);
                await _events.RecordAsync(state.Source, EventRecorder.Normal, "StatefulSetCreated", $"Created StatefulSet {desired.Metadata.Name} for the receive adapter", cancellationToken).ConfigureAwait(false);
            }
            else if (!IsControlledBy(found, state.Source))
            {
                state.Conditions.MarkFalse(
                    ConditionTypes.Deployed,
                    "StatefulSetNotOwned",
                    $"StatefulSet {@namespace}/{found.Metadata.Name} exists and is not controlled by this MqttSource; delete or rename it");
                return ReconcileResult.Done;
            }
            else if (found.Metadata.Annotations?.TryGetValue(AdapterLabels.SpecHashAnnotation, out var hash) != true || hash != desired.Metadata.Annotations![AdapterLabels.SpecHashAnnotation])
            {
                current = await _sets.ReplaceAsync(Merge(found, desired), cancellationToken).ConfigureAwait(false);
                ControllerLog.StatefulSetUpdated(_logger, @namespace, desired.Metadata.Name!);
                await _events.RecordAsync(state.Source, EventRecorder.Normal, "StatefulSetUpdated", $"Updated StatefulSet {desired.Metadata.Name}: the desired adapter changed", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                current = found;
            }
        }
        catch (ApiException ex) when (!ex.IsNotFound)
        {
            state.Conditions.MarkFalse(
                ConditionTypes.Deployed,
                ex.IsConflict || ex.IsAlreadyExists ? "StatefulSetConflict" : "StatefulSetFailed",
                $"cannot create or update StatefulSet {@namespace}/{desired.Metadata.Name}: {ex.Message}");
            return ReconcileResult.Backoff;
        }

        var want = desired.Spec!.Replicas ?? 1;
        var ready = current.Status?.ReadyReplicas ?? 0;
        if (ready >= want)
        {
            state.Conditions.MarkTrue(ConditionTypes.Deployed);
        }
        else
        {
            state.Conditions.MarkUnknown(
                ConditionTypes.Deployed,
                "AdapterNotReady",
                string.Create(CultureInfo.InvariantCulture, $"{ready} of {want} adapter pods ready (ready = connected to the broker and subscribed); see kubectl get pods -n {@namespace} -l {AdapterLabels.NameKey}={name}"));
        }

        return ReconcileResult.Done;
    }

    private static (MqttSourceSpec? Spec, IReadOnlyList<FieldError> Errors) Parse(MqttSourceResource source)
    {
        if (source.Spec is null)
        {
            return (null, [new FieldError("spec", "required")]);
        }

        try
        {
            var spec = MqttSourceSpec.FromJson(source.Spec.ToJsonString());
            return (spec, MqttSourceValidator.Validate(spec, ValidationMode.Kubernetes));
        }
        catch (MqttSourceValidationException ex)
        {
            return (null, ex.Errors);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return (null, [new FieldError("spec", ex.Message)]);
        }
    }

    private static MqttSourceStatus ReadStatus(MqttSourceResource source)
    {
        if (source.Status is not { Count: > 0 } status)
        {
            return new MqttSourceStatus();
        }

        try
        {
            return MqttSourceStatus.FromJson(status.ToJsonString());
        }
        catch (Exception ex) when (ex is MqttSourceValidationException or JsonException or FormatException)
        {
            return new MqttSourceStatus(); // unreadable: rewritten from scratch
        }
    }

    private static bool IsControlledBy(StatefulSet set, MqttSourceResource source) =>
        set.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == source.Metadata.Uid && o.Kind == MqttSourceResources.Kind) == true;

    /// <summary>The existing StatefulSet with our desired parts: the immutable fields (selector, serviceName, …) and foreign labels stay.</summary>
    private static StatefulSet Merge(StatefulSet existing, StatefulSet desired)
    {
        var meta = existing.Metadata;
        meta.Labels = new Dictionary<string, string>(meta.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in desired.Metadata.Labels!)
        {
            meta.Labels[key] = value;
        }

        meta.Annotations = new Dictionary<string, string>(meta.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [AdapterLabels.SpecHashAnnotation] = desired.Metadata.Annotations![AdapterLabels.SpecHashAnnotation],
        };
        meta.OwnerReferences = desired.Metadata.OwnerReferences;
        var spec = existing.Spec ??= new StatefulSetSpec();
        spec.Replicas = desired.Spec!.Replicas;
        spec.Template = desired.Spec.Template;
        spec.UpdateStrategy = desired.Spec.UpdateStrategy;
        spec.Selector ??= desired.Spec.Selector;
        spec.ServiceName ??= desired.Spec.ServiceName;
        spec.PodManagementPolicy ??= desired.Spec.PodManagementPolicy;
        return existing;
    }

    private async Task RecordTransitionsAsync(State state, CancellationToken cancellationToken)
    {
        var meta = state.Source.Metadata;
        foreach (var type in (string[])[ConditionTypes.Valid, ConditionTypes.SinkProvided, ConditionTypes.Deployed, ConditionTypes.Ready])
        {
            var old = state.Before.GetCondition(type);
            var now = state.Conditions.Get(type)!;
            if (old is not null && old.Status == now.Status && old.Reason == now.Reason)
            {
                continue;
            }

            ControllerLog.ConditionChanged(_logger, meta.Namespace!, meta.Name!, type, now.Status, now.Reason, now.Message);
            if (now.Status == ConditionStatus.False && type != ConditionTypes.Ready)
            {
                await _events.RecordAsync(state.Source, EventRecorder.Warning, now.Reason ?? type + "False", now.Message ?? type + " is False", cancellationToken).ConfigureAwait(false);
            }
            else if (type == ConditionTypes.Ready && now.Status == ConditionStatus.True)
            {
                await _events.RecordAsync(state.Source, EventRecorder.Normal, "Ready", "MqttSource is ready: events flow to " + state.Status.SinkUri, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes status when it changed; on conflict re-reads and tries again. False: give up for now (requeue).</summary>
    private async Task<bool> WriteStatusAsync(State state, CancellationToken cancellationToken)
    {
        var source = state.Source;
        var wanted = state.Status.ToJson();
        for (var attempt = 1; ; attempt++)
        {
            if (ReadStatus(source).ToJson() == wanted)
            {
                return true;
            }

            source.Status = JsonNode.Parse(wanted)!.AsObject();
            try
            {
                await _sources.ReplaceStatusAsync(source, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (ApiException ex) when (ex.IsConflict)
            {
                if (attempt >= _options.StatusAttempts)
                {
                    return false; // keeps conflicting: back off and reconcile again
                }

                ControllerLog.StatusConflict(_logger, source.Metadata.Namespace!, source.Metadata.Name!, attempt);
                var latest = await _sources.TryGetAsync(source.Metadata.Namespace, source.Metadata.Name!, cancellationToken).ConfigureAwait(false);
                if (latest is null || latest.Metadata.Generation != source.Metadata.Generation)
                {
                    return false; // deleted or changed meanwhile: reconcile again from the top
                }

                source = latest;
            }
        }
    }

    private sealed class State(MqttSourceResource source, MqttSourceStatus before, MqttSourceConditionSet conditions)
    {
        public MqttSourceResource Source { get; } = source;

        public MqttSourceStatus Before { get; } = before;

        public MqttSourceConditionSet Conditions { get; } = conditions;

        public MqttSourceStatus Status { get; set; } = before;
    }
}
