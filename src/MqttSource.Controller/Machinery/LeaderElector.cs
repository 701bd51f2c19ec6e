using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MqttSource.Controller.Api;

namespace MqttSource.Controller.Machinery;

/// <summary>
/// Leader election on a <c>coordination.k8s.io/v1</c> Lease, as client-go does it: create the lease if absent;
/// take it over when its holder has not renewed it for <c>leaseDuration</c> (judged by this candidate's clock since
/// it last saw the lease change, so clocks need not agree); renew every <c>retryPeriod</c>; step down when no renewal
/// succeeded within <c>renewDeadline</c>. Every write carries the resourceVersion read, so racing candidates get a
/// conflict rather than both winning. Ours, on KubernetesClient's <see cref="V1Lease"/> model, because the library's
/// elector does not release the Lease on shutdown (the standby would wait a whole lease duration); this one empties it,
/// so a rolling update or a drained node hands over at the standby's next retry.
/// </summary>
internal sealed class LeaderElector
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private (string? Holder, DateTime? Renew, int? Transitions) _observed;
    private long _observedAt;
    private volatile bool _isLeader;

    /// <summary>A candidate; call <see cref="RunAsync"/>.</summary>
    public LeaderElector(IKubernetes client, LeaderElectionOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Whether this candidate holds the lease now.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>The holder last seen, if any.</summary>
    public string? ObservedLeader => _observed.Holder;

    /// <summary>
    /// Waits to become leader, then runs <paramref name="leading"/> with a token that is cancelled when leadership
    /// is lost or <paramref name="cancellationToken"/> is cancelled. Returns after <paramref name="leading"/> has
    /// returned: true when leadership was lost (the caller should usually exit), false when cancelled or when
    /// <paramref name="leading"/> returned by itself (the lease is then released, if <see cref="LeaderElectionOptions.ReleaseOnCancel"/>).
    /// An exception of <paramref name="leading"/> is rethrown after the lease was released.
    /// </summary>
    public async Task<bool> RunAsync(Func<CancellationToken, Task> leading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leading);
        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        MachineryLog.BecameLeader(_logger, _options.Identity, _options.Namespace, _options.Name);
        using var leadership = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => leading(leadership.Token), CancellationToken.None);

        // Renew until leadership is lost, we are cancelled, or the leading work ends by itself (then release).
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewUntilLostAsync(renewing.Token);
        if (await Task.WhenAny(renewal, work).ConfigureAwait(false) == work)
        {
            await renewing.CancelAsync().ConfigureAwait(false);
        }

        var lost = await renewal.ConfigureAwait(false);
        _isLeader = false;
        await leadership.CancelAsync().ConfigureAwait(false);
        Exception? failure = null;
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The leading work stopped as asked.
        }
        catch (Exception ex)
        {
            failure = ex; // released below, then rethrown
        }

        if (lost)
        {
            MachineryLog.LostLeadership(_logger, _options.Identity, _options.Namespace, _options.Name);
        }
        else if (_options.ReleaseOnCancel)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return lost;
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                _isLeader = true;
                return true;
            }

            var jitter = _options.RetryPeriod * (Random.Shared.NextDouble() * 0.2);
            try
            {
                await Task.Delay(_options.RetryPeriod + jitter, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    private async Task<bool> RenewUntilLostAsync(CancellationToken cancellationToken)
    {
        var lastRenew = _time.GetTimestamp();
        while (true)
        {
            try
            {
                await Task.Delay(_options.RetryPeriod, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_options.RenewDeadline - _time.GetElapsedTime(lastRenew) is { } left && left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            if (await TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false))
            {
                lastRenew = _time.GetTimestamp();
                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (_time.GetElapsedTime(lastRenew) >= _options.RenewDeadline || (_observed.Holder is { } holder && holder != _options.Identity))
            {
                return true;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var lease = await TryGetLeaseAsync(cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                var created = await _client.CoordinationV1.CreateNamespacedLeaseAsync(
                    new V1Lease
                    {
                        Metadata = new V1ObjectMeta { Name = _options.Name, NamespaceProperty = _options.Namespace },
                        Spec = new V1LeaseSpec
                        {
                            HolderIdentity = _options.Identity,
                            LeaseDurationSeconds = DurationSeconds,
                            AcquireTime = now,
                            RenewTime = now,
                            LeaseTransitions = 0,
                        },
                    },
                    _options.Namespace,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                Observe(created.Spec);
                return true;
            }

            var spec = lease.Spec ??= new V1LeaseSpec();
            Observe(spec);
            var holder = spec.HolderIdentity;
            var duration = spec.LeaseDurationSeconds is > 0 ? TimeSpan.FromSeconds(spec.LeaseDurationSeconds.Value) : _options.LeaseDuration;
            if (!string.IsNullOrEmpty(holder) && holder != _options.Identity && _time.GetElapsedTime(_observedAt) < duration)
            {
                return false; // held by someone else, not expired
            }

            if (holder != _options.Identity)
            {
                spec.AcquireTime = now;
                spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
            }

            spec.HolderIdentity = _options.Identity;
            spec.LeaseDurationSeconds = DurationSeconds;
            spec.RenewTime = now;
            var updated = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.Name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            Observe(updated.Spec);
            return true;
        }
        catch (Exception ex) when (ApiErrors.IsApiFailure(ex) || ex is OperationCanceledException)
        {
            MachineryLog.LeaseAttemptFailed(_logger, ex, _options.Namespace, _options.Name);
            return false;
        }
    }

    private async Task<V1Lease?> TryGetLeaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.Name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline);
        try
        {
            var lease = await TryGetLeaseAsync(timeout.Token).ConfigureAwait(false);
            if (lease?.Spec is { } spec && spec.HolderIdentity == _options.Identity)
            {
                spec.HolderIdentity = null;
                spec.LeaseDurationSeconds = 1;
                spec.RenewTime = _time.GetUtcNow().UtcDateTime;
                await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.Name, _options.Namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
                MachineryLog.Released(_logger, _options.Identity, _options.Namespace, _options.Name);
            }
        }
        catch (Exception ex) when (ApiErrors.IsApiFailure(ex) || ex is OperationCanceledException)
        {
            MachineryLog.LeaseAttemptFailed(_logger, ex, _options.Namespace, _options.Name);
        }
    }

    private int DurationSeconds => (int)Math.Max(1, Math.Ceiling(_options.LeaseDuration.TotalSeconds));

    private void Observe(V1LeaseSpec? spec)
    {
        var record = (spec?.HolderIdentity, spec?.RenewTime, spec?.LeaseTransitions);
        if (record == _observed)
        {
            return;
        }

        var newLeader = record.HolderIdentity != _observed.Holder;
        _observed = record;
        _observedAt = _time.GetTimestamp();
        if (newLeader && !string.IsNullOrEmpty(record.HolderIdentity))
        {
            MachineryLog.NewLeaderObserved(_logger, _options.Namespace, _options.Name, record.HolderIdentity);
            _options.OnNewLeader?.Invoke(record.HolderIdentity);
        }
    }
}
