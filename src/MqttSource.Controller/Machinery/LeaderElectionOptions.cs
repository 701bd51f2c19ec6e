namespace MqttSource.Controller.Machinery;

/// <summary>The lease and the timings of <see cref="LeaderElector"/> (defaults as client-go: 15 s, 10 s, 2 s).</summary>
internal sealed class LeaderElectionOptions
{
    /// <summary>Namespace of the Lease.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name of the Lease.</summary>
    public required string Name { get; init; }

    /// <summary>This candidate's identity (usually the pod name), written to <c>holderIdentity</c>.</summary>
    public required string Identity { get; init; }

    /// <summary>How long others wait, after last seeing the lease change, before taking it over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it steps down. Less than <see cref="LeaseDuration"/>.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often to try to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On cancellation, empty the lease so another candidate takes over at once (default true).</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <summary>Called when the observed leader changes (with its identity).</summary>
    public Action<string>? OnNewLeader { get; init; }

    internal void Validate()
    {
        if (RetryPeriod <= TimeSpan.Zero || RenewDeadline <= RetryPeriod || LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException("leader election needs 0 < RetryPeriod < RenewDeadline < LeaseDuration");
        }

        ArgumentException.ThrowIfNullOrEmpty(Namespace);
        ArgumentException.ThrowIfNullOrEmpty(Name);
        ArgumentException.ThrowIfNullOrEmpty(Identity);
    }
}
