using k8s;
using Microsoft.Extensions.Logging;
using MqttSource.Apis.Settings;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Status;
using MqttSource.Apis.Validation;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Machinery;
using MqttSource.Controller.Resources;
using MqttSource.Controller.Sinks;
using MqttSource.Controller.Tracking;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// Brings one MqttSource to its desired state, idempotently: validate (<c>Valid</c>) → track the referenced sinks →
/// resolve the sink and the dead-letter sink (<c>SinkProvided</c>) → run the adapter (<see cref="AdapterDeployment"/>:
/// <c>Deployed</c>) → write <c>status</c> through the status subresource when it changed → then, once it is written, the
/// Events for the conditions that changed. A reconcile that finds everything in place sends no write at all.
/// </summary>
internal sealed class MqttSourceReconciler
{
    private readonly IKubernetes _client;
    private readonly SinkResolver _resolver;
    private readonly EventRecorder _events;
    private readonly AdapterDeployment _deployment;
    private readonly StatusWriter _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReferenceTracker? _tracker;

    /// <summary>A reconciler talking to <paramref name="client"/>; <paramref name="tracker"/> (when running) learns what each source refers to.</summary>
    public MqttSourceReconciler(IKubernetes client, ReconcilerOptions options, ConfigStore? config = null, ReferenceTracker? tracker = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _tracker = tracker;
        _resolver = new SinkResolver(client);
        _events = new EventRecorder(client, options.Instance, _time, _logger);
        _deployment = new AdapterDeployment(client, options, config ?? new ConfigStore(), _events, _logger);
        _status = new StatusWriter(client, options.StatusAttempts, _logger);
    }

    /// <summary>Reconciles the MqttSource <paramref name="namespace"/>/<paramref name="name"/>. API failures other than those turned into conditions throw.</summary>
    public async Task<ReconcileResult> ReconcileAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        var source = await MqttSourceResources.TryGetAsync(_client, @namespace, name, cancellationToken).ConfigureAwait(false);
        if (source is null || source.Metadata.DeletionTimestamp is not null)
        {
            _tracker?.Forget(ObjectKey.Of(@namespace, name));
            return ReconcileResult.Done; // the garbage collector removes the children (owner references)
        }

        var before = source.Status ?? new MqttSourceStatus();
        var state = new ReconcileState(source, before, new MqttSourceConditionSet(before.Conditions, _time));
        state.Conditions.InitializeConditions();
        state.Status = before with { ObservedGeneration = source.Metadata.Generation };
        var result = await ReconcileCoreAsync(state, cancellationToken).ConfigureAwait(false);
        state.Status = state.Conditions.ApplyTo(state.Status);
        if (!await _status.WriteAsync(source, state.Status, cancellationToken).ConfigureAwait(false))
        {
            return ReconcileResult.Backoff; // no Events for a status that was not written: the next pass sees the same changes
        }

        await RecordTransitionsAsync(state, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<ReconcileResult> ReconcileCoreAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        var (spec, errors) = state.Source.ReadSpec();
        var overrides = AdapterOverrides.None;
        if (spec is not null && errors.Count == 0)
        {
            overrides = AdapterOverrides.Read(spec.Adapter, out errors);
        }

        state.Conditions.MarkValid(errors);
        var key = ObjectKey.Of(state.Namespace, state.Name);
        if (spec is null || errors.Count > 0)
        {
            _tracker?.Forget(key);
            return ReconcileResult.Done; // the adapter keeps its last good configuration; a spec change reconciles again
        }

        var settings = MqttSourceSettings.Resolve(spec, state.Name, state.Namespace, ValidationMode.Kubernetes);
        state.Status = state.Status with { CeAttributes = settings.CeAttributes() };
        _tracker?.Track(key, new[] { TrackedReference.From(spec.Sink, state.Namespace), TrackedReference.From(spec.Delivery?.DeadLetterSink, state.Namespace) }.OfType<TrackedReference>());

        var sink = await _resolver.ResolveAsync(spec.Sink, state.Namespace, "spec.sink", cancellationToken).ConfigureAwait(false);
        ResolvedSink? deadLetter = null;
        if (sink.Sink is not null && spec.Delivery?.DeadLetterSink is { } deadLetterDestination)
        {
            var resolved = await _resolver.ResolveAsync(deadLetterDestination, state.Namespace, "spec.delivery.deadLetterSink", cancellationToken).ConfigureAwait(false);
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
        return await _deployment.DeployAsync(state, spec, overrides, target, deadLetter, cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordTransitionsAsync(ReconcileState state, CancellationToken cancellationToken)
    {
        foreach (var type in (string[])[ConditionTypes.Valid, ConditionTypes.SinkProvided, ConditionTypes.Deployed, ConditionTypes.Ready])
        {
            var old = state.Before.GetCondition(type);
            var now = state.Conditions.Get(type)!;
            if (old is not null && old.Status == now.Status && old.Reason == now.Reason)
            {
                continue;
            }

            ControllerLog.ConditionChanged(_logger, state.Namespace, state.Name, type, now.Status, now.Reason, now.Message);
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
}
