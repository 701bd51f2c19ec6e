namespace MqttSource.Testing.Kubernetes;

/// <summary>A request the fake API server answered.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path, e.g. <c>/apis/apps/v1/namespaces/ns/statefulsets/x</c>.</param>
/// <param name="Query">Query string with its <c>?</c>, or empty.</param>
/// <param name="ContentType">Content-Type of the body, if any.</param>
/// <param name="Body">The body, if any.</param>
/// <param name="StatusCode">The HTTP status answered (200 for a watch that started).</param>
/// <param name="Authorization">The Authorization header, if any.</param>
/// <param name="ClientCertificateSubject">The client certificate's subject, with HTTPS.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    string? ContentType,
    string? Body,
    int StatusCode,
    string? Authorization,
    string? ClientCertificateSubject)
{
    /// <summary>Whether this was a watch.</summary>
    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal) || Query.Contains("watch=1", StringComparison.Ordinal);
}
