using System.Net.Http.Headers;
using MqttSource.Kubernetes.Configuration;

namespace MqttSource.Kubernetes.Transport;

/// <summary>Adds <c>Authorization: Bearer</c> from a <see cref="IBearerTokenSource"/> to every request.</summary>
internal sealed class BearerTokenHandler(IBearerTokenSource tokens, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
