namespace MqttSource.Kubernetes.Client;

/// <summary>Body of a delete request.</summary>
public sealed class DeleteOptions
{
    /// <summary><c>propagationPolicy</c>: <c>Background</c>, <c>Foreground</c> or <c>Orphan</c> (see <see cref="PropagationPolicies"/>).</summary>
    public string? PropagationPolicy { get; init; }

    /// <summary><c>preconditions.uid</c>: delete only this incarnation.</summary>
    public string? PreconditionUid { get; init; }

    /// <summary><c>preconditions.resourceVersion</c>: delete only this version.</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary><c>gracePeriodSeconds</c>.</summary>
    public long? GracePeriodSeconds { get; init; }
}
