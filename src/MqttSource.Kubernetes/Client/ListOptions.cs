namespace MqttSource.Kubernetes.Client;

/// <summary>Query of a list request.</summary>
public sealed class ListOptions
{
    /// <summary><c>labelSelector</c>, e.g. <c>app=x,tier in (a,b)</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary><c>fieldSelector</c>, e.g. <c>metadata.name=x</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary><c>limit</c>: page size; the answer then carries a continue token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary><c>continue</c>: the token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary><c>resourceVersion</c>: unset for the most recent state; <c>0</c> for any (possibly cached) state.</summary>
    public string? ResourceVersion { get; init; }
}
