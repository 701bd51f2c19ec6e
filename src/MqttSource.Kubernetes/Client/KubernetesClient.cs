using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MqttSource.Kubernetes.Configuration;
using MqttSource.Kubernetes.Json;
using MqttSource.Kubernetes.Models;
using MqttSource.Kubernetes.Transport;

namespace MqttSource.Kubernetes.Client;

/// <summary>
/// The connection to one API server: sends requests, turns non-2xx answers into <see cref="ApiException"/>, and
/// hands out typed <see cref="ResourceClient{T}"/>s. Thread-safe; keep one per process.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client for <paramref name="configuration"/> (TLS, client certificate, bearer token).</summary>
    public KubernetesClient(KubernetesClientConfiguration configuration, ILogger? logger = null)
        : this(KubernetesHttpClientFactory.Create(configuration ?? throw new ArgumentNullException(nameof(configuration))), ownsHttpClient: true, logger)
    {
        DefaultNamespace = configuration.Namespace;
    }

    /// <summary>A client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the API server.</summary>
    public KubernetesClient(HttpClient httpClient, bool ownsHttpClient = false, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("the HttpClient needs a BaseAddress (the API server)", nameof(httpClient));
        }

        _http = httpClient;
        _ownsHttp = ownsHttpClient;
        BaseAddress = httpClient.BaseAddress.AbsoluteUri.EndsWith('/') ? httpClient.BaseAddress : new Uri(httpClient.BaseAddress.AbsoluteUri + "/");
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The API server.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The configuration's default namespace, if any.</summary>
    public string? DefaultNamespace { get; init; }

    /// <summary>Time limit of a request other than a watch (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal ILogger Logger { get; }

    /// <summary>A typed client for <paramref name="resource"/>.</summary>
    public ResourceClient<T> Resource<T>(ResourceDefinition resource, JsonTypeInfo<T> itemType, JsonTypeInfo<ResourceList<T>> listType)
        where T : class, IKubernetesObject =>
        new(this, resource, itemType, listType);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    internal async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? content, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, pathAndQuery)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
        }

        var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, responseType, timeout.Token).ConfigureAwait(false)
                ?? throw new JsonException("the API server answered null");
        }
    }

    internal async Task<HttpResponseMessage> OpenStreamAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    internal static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    private static async Task<ApiException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Status? status = null;
        try
        {
            status = JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.Status);
        }
        catch (JsonException)
        {
            // Not a Status (a proxy's page, say): made up below.
        }

        if (status is null || status.Kind != "Status")
        {
            var start = body.Length > 200 ? body[..200] : body;
            status = new Status
            {
                ApiVersion = "v1",
                Kind = "Status",
                Outcome = "Failure",
                Code = code,
                Reason = response.ReasonPhrase,
                Message = string.IsNullOrWhiteSpace(start) ? $"HTTP {code} {response.ReasonPhrase}" : start,
            };
        }

        status.Code ??= code;
        return new ApiException(status);
    }
}
