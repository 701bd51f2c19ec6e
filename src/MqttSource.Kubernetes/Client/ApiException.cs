using System.Globalization;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Kubernetes.Client;

/// <summary>
/// A non-2xx answer of the API server (or an <c>ERROR</c> watch event), carrying the server's <see cref="Models.Status"/>.
/// When the body was not a Status (a proxy's page, say), one is made up from the HTTP code and the body's start.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>An error for <paramref name="status"/>.</summary>
    public ApiException(Status status)
        : base(Describe(status))
    {
        Status = status;
    }

    /// <inheritdoc/>
    public ApiException()
        : this(new Status { Outcome = "Failure", Message = "the API server answered with an error" })
    {
    }

    /// <inheritdoc/>
    public ApiException(string message)
        : this(new Status { Outcome = "Failure", Message = message })
    {
    }

    /// <inheritdoc/>
    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = new Status { Outcome = "Failure", Message = message };
    }

    /// <summary>The server's Status.</summary>
    public Status Status { get; }

    /// <summary>The HTTP code (<c>Status.code</c>), 0 when unknown.</summary>
    public int StatusCode => Status.Code ?? 0;

    /// <summary><c>Status.reason</c>, e.g. <c>NotFound</c>, <c>Conflict</c>, <c>AlreadyExists</c>, <c>Expired</c>.</summary>
    public string? Reason => Status.Reason;

    /// <summary>404: the object (or its namespace) does not exist.</summary>
    public bool IsNotFound => StatusCode == 404;

    /// <summary>409 other than AlreadyExists: the resourceVersion sent is stale; read again and retry.</summary>
    public bool IsConflict => StatusCode == 409 && !IsAlreadyExists;

    /// <summary>409 AlreadyExists on create.</summary>
    public bool IsAlreadyExists => StatusCode == 409 && Status.Reason == "AlreadyExists";

    /// <summary>410 (reason <c>Expired</c> or <c>Gone</c>): the resourceVersion is too old; relist.</summary>
    public bool IsGone => StatusCode == 410;

    private static string Describe(Status status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var code = status.Code?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return $"Kubernetes API error {code} {status.Reason}: {status.Message}";
    }
}
