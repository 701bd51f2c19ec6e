using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace MqttSource.Controller.Api;

/// <summary>
/// Reads KubernetesClient's failures: an HTTP error is an <see cref="HttpOperationException"/> whose response body is
/// the API server's <c>Status</c>; an ERROR event in a watch is a <see cref="KubernetesException"/> with the Status.
/// </summary>
internal static class ApiErrors
{
    /// <summary>The HTTP status code of an API failure, or null when <paramref name="exception"/> is not one.</summary>
    public static int? StatusCode(Exception exception) => exception switch
    {
        HttpOperationException { Response: { } response } => (int)response.StatusCode,
        KubernetesException { Status.Code: { } code } => code,
        _ => null,
    };

    /// <summary>404.</summary>
    public static bool IsNotFound(Exception exception) => StatusCode(exception) == (int)HttpStatusCode.NotFound;

    /// <summary>409 of any reason (a stale resourceVersion, or AlreadyExists on create).</summary>
    public static bool IsConflict(Exception exception) => StatusCode(exception) == (int)HttpStatusCode.Conflict;

    /// <summary>410 Gone: the resourceVersion is too old (relist).</summary>
    public static bool IsGone(Exception exception) => StatusCode(exception) == (int)HttpStatusCode.Gone;

    /// <summary>Whether <paramref name="exception"/> is a failure of the API or of the way to it (not a bug of ours).</summary>
    public static bool IsApiFailure(Exception exception) =>
        exception is HttpOperationException or KubernetesException or HttpRequestException or IOException or JsonException;

    /// <summary>The server's message (its Status <c>message</c>), else the exception's.</summary>
    public static string Message(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is KubernetesException { Status.Message: { Length: > 0 } statusMessage })
        {
            return statusMessage;
        }

        if (exception is HttpOperationException { Response: { } response })
        {
            var status = TryReadStatus(response.Content);
            return status?.Message is { Length: > 0 } message
                ? message
                : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        }

        return exception.Message;
    }

    private static V1Status? TryReadStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1Status>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
