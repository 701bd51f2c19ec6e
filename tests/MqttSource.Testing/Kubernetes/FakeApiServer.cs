using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MqttSource.Testing.Kubernetes;

/// <summary>
/// An in-process Kubernetes API server for tests: real Kestrel on 127.0.0.1, any resource stored as JSON by
/// group/plural/namespace/name, with the behaviour a controller depends on (see <see cref="FakeResourceStore"/>):
/// resourceVersion, generation, 404/409/410 Status bodies, list with selectors and pagination, watch streams with
/// ADDED/MODIFIED/DELETED/BOOKMARK/ERROR, the status subresource, merge patch, finalizers and cascading delete.
/// Tests can seed objects, inject faults, drop watches, write garbage into them, and read the request log.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeResourceStore _store;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<InjectedFault> _faults = [];
    private readonly ITimer? _bookmarkTimer;
    private volatile TaskCompletionSource _watchGate = Completed();
    private int _pausedWatches;

    private FakeApiServer(WebApplication app, FakeResourceStore store, Uri baseAddress, TimeSpan? bookmarkInterval)
    {
        _app = app;
        _store = store;
        BaseAddress = baseAddress;
        if (bookmarkInterval is { } interval)
        {
            _bookmarkTimer = TimeProvider.System.CreateTimer(_ => _store.SendBookmarks(), null, interval, interval);
        }
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>When set, requests without <c>Authorization: Bearer</c> and this token get 401.</summary>
    public string? RequiredBearerToken { get; set; }

    /// <summary>Whether deletes cascade to dependents (objects with an ownerReference to the deleted uid), like the garbage collector. Default true.</summary>
    public bool GarbageCollection
    {
        get => _store.GarbageCollection;
        set => _store.GarbageCollection = value;
    }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The latest resourceVersion given out.</summary>
    public string CurrentResourceVersion => _store.CurrentRevision;

    /// <summary>Watch streams open now.</summary>
    public int ActiveWatches => _store.WatchCount;

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeApiServer> StartAsync(FakeApiServerOptions? options = null)
    {
        options ??= new FakeApiServerOptions();
        var store = new FakeResourceStore(options.HistoryLimit, options.TimeProvider);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (options.ServerCertificate is { } certificate)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateMode = options.AskForClientCertificate ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.NoCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                });
            }
        }));
        var app = builder.Build();
        FakeApiServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new FakeApiServer(app, store, new Uri(address.TrimEnd('/') + "/"), options.BookmarkInterval);
        return server;
    }

    /// <summary>An <see cref="HttpClient"/> to the server (plain HTTP).</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Forgets the request log.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>The next <paramref name="count"/> requests (of <paramref name="method"/>, whose path and query contain <paramref name="pathContains"/>, e.g. <c>watch=true</c>) get <paramref name="statusCode"/> with a Status body.</summary>
    public void FailNext(int statusCode, int count = 1, string? method = null, string? pathContains = null)
    {
        lock (_faults)
        {
            _faults.Add(new InjectedFault(statusCode, count, method, pathContains));
        }
    }

    /// <summary>New watch requests wait (before the server looks at their resourceVersion) until <see cref="ResumeWatches"/>.</summary>
    public void PauseWatches()
    {
        if (_watchGate.Task.IsCompleted)
        {
            _watchGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets watch requests held by <see cref="PauseWatches"/> go on.</summary>
    public void ResumeWatches() => _watchGate.TrySetResult();

    /// <summary>Watch requests waiting because of <see cref="PauseWatches"/>.</summary>
    public int PausedWatches => Volatile.Read(ref _pausedWatches);

    /// <summary>Breaks every open watch connection (the client sees a reset, not a clean end).</summary>
    public void DropWatches() => _store.ForEachWatch(w => w.Drop());

    /// <summary>Ends every open watch cleanly, as the server does at timeoutSeconds.</summary>
    public void EndWatches() => _store.ForEachWatch(w => w.Complete());

    /// <summary>Writes <paramref name="line"/> as is into every open watch stream.</summary>
    public void InjectWatchLine(string line) => _store.ForEachWatch(w => w.SendRaw(line));

    /// <summary>Sends a BOOKMARK with the current resourceVersion to every watch that allows bookmarks.</summary>
    public void SendBookmarks() => _store.SendBookmarks();

    /// <summary>Forgets the change history: a watch from any resourceVersion given out so far gets ERROR 410.</summary>
    public void CompactHistory() => _store.Compact();

    /// <summary>Creates or replaces an object as given, status included (test seeding; events are sent as for any change).</summary>
    public JsonObject Upsert(string group, string version, string plural, JsonObject obj) =>
        _store.Upsert(new ResourceKey(group, plural), group.Length == 0 ? version : $"{group}/{version}", obj);

    /// <summary>Tells the server the kind of a resource, as installing its CRD would (objects created without <c>kind</c> get it).</summary>
    public void RegisterKind(string group, string plural, string kind) => _store.RegisterKind(new ResourceKey(group, plural), kind);

    /// <summary>The stored object, or null.</summary>
    public JsonObject? Get(string group, string plural, string? @namespace, string name) => _store.Find(new ResourceKey(group, plural), @namespace, name);

    /// <summary>Every stored object of a resource.</summary>
    public IReadOnlyList<JsonObject> List(string group, string plural) => _store.All(new ResourceKey(group, plural));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _bookmarkTimer?.Dispose();
        ResumeWatches();
        EndWatches();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        string? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        int code;
        JsonObject answer;
        try
        {
            if (RequiredBearerToken is { } token && authorization != $"Bearer {token}")
            {
                throw new FakeApiError(401, "Unauthorized", "Unauthorized");
            }

            if (TakeFault(request.Method, path + request.QueryString.Value) is { } injected)
            {
                throw new FakeApiError(injected, FakeApiError.ReasonFor(injected), $"injected fault {injected}");
            }

            var api = ApiRequestPath.Parse(path) ?? throw new FakeApiError(404, "NotFound", "the server could not find the requested resource");
            var query = request.Query;
            if (HttpMethods.IsGet(request.Method) && api.Name is null && query["watch"] is { Count: > 0 } watch && watch[0] is "true" or "1")
            {
                await ServeWatchAsync(context, api, authorization).ConfigureAwait(false);
                return;
            }

            (code, answer) = Dispatch(request, api, body);
        }
        catch (FakeApiError error)
        {
            (code, answer) = (error.Code, error.Status);
        }

        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(FakeJson.Write(answer), context.RequestAborted).ConfigureAwait(false);
        Record(context, body, code, authorization);
    }

    private (int Code, JsonObject Body) Dispatch(HttpRequest request, ApiRequestPath api, string? body)
    {
        var statusOnly = api.Subresource == "status";
        if (api.Subresource is not (null or "status"))
        {
            throw new FakeApiError(404, "NotFound", "the server could not find the requested resource");
        }

        var query = request.Query;
        switch (request.Method)
        {
            case "GET" when api.Name is null:
                return (200, _store.List(
                    api,
                    query["labelSelector"].FirstOrDefault(),
                    query["fieldSelector"].FirstOrDefault(),
                    int.TryParse(query["limit"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null,
                    query["continue"].FirstOrDefault()));
            case "GET":
                return (200, _store.Get(api));
            case "POST" when api.Name is null:
                return (201, _store.Create(api, ParseObject(body)));
            case "PUT" when api.Name is not null:
                return (200, _store.Replace(api, ParseObject(body), statusOnly));
            case "PATCH" when api.Name is not null:
                var mediaType = request.ContentType?.Split(';')[0].Trim();
                if (mediaType != "application/merge-patch+json")
                {
                    throw new FakeApiError(415, "UnsupportedMediaType", $"the fake API server supports only application/merge-patch+json patches, not {mediaType}");
                }

                return (200, _store.Patch(api, ParseObject(body), statusOnly));
            case "DELETE" when api.Name is not null && !statusOnly:
                var options = string.IsNullOrWhiteSpace(body) ? null : ParseObject(body);
                var policy = query["propagationPolicy"].FirstOrDefault() ?? options?["propagationPolicy"]?.GetValue<string>();
                return (200, _store.Delete(api, policy, options?["preconditions"] as JsonObject));
            default:
                throw new FakeApiError(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({request.Method})");
        }
    }

    private async Task ServeWatchAsync(HttpContext context, ApiRequestPath api, string? authorization)
    {
        if (!_watchGate.Task.IsCompleted)
        {
            Interlocked.Increment(ref _pausedWatches);
            try
            {
                await _watchGate.Task.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _pausedWatches);
            }
        }

        var query = context.Request.Query;
        var response = context.Response;
        response.ContentType = "application/json";
        WatchSubscription subscription;
        try
        {
            subscription = _store.Watch(
                api,
                query["labelSelector"].FirstOrDefault(),
                query["fieldSelector"].FirstOrDefault(),
                query["resourceVersion"].FirstOrDefault(),
                query["allowWatchBookmarks"].FirstOrDefault() == "true");
        }
        catch (FakeApiError error) when (error.Code == 410)
        {
            // Like the real server: the stream starts (200) and carries one ERROR event with the 410 Status.
            response.StatusCode = 200;
            var line = FakeJson.Write(new JsonObject { ["type"] = "ERROR", ["object"] = error.Status }) + "\n";
            await response.WriteAsync(line, context.RequestAborted).ConfigureAwait(false);
            Record(context, null, 200, authorization);
            return;
        }

        Record(context, null, 200, authorization);
        response.StatusCode = 200;
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (int.TryParse(query["timeoutSeconds"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var timeoutSeconds) && timeoutSeconds > 0)
        {
            end.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        }

        try
        {
            await foreach (var line in subscription.Lines.ReadAllAsync(end.Token).ConfigureAwait(false))
            {
                await response.WriteAsync(line + "\n", end.Token).ConfigureAwait(false);
                await response.Body.FlushAsync(end.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds reached or the client went away.
        }
        catch (IOException)
        {
            // The client went away.
        }
        finally
        {
            _store.Unsubscribe(subscription);
        }

        if (subscription.Dropped.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private int? TakeFault(string method, string path)
    {
        lock (_faults)
        {
            var fault = _faults.Find(f => f.Matches(method, path));
            if (fault is null)
            {
                return null;
            }

            fault.Remaining--;
            return fault.StatusCode;
        }
    }

    private void Record(HttpContext context, string? body, int code, string? authorization) =>
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.ContentType,
            body,
            code,
            authorization,
            context.Connection.ClientCertificate?.Subject));

    private static JsonObject ParseObject(string? body)
    {
        try
        {
            return JsonNode.Parse(body ?? string.Empty) as JsonObject ?? throw FakeApiError.BadRequest("the body is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw FakeApiError.BadRequest($"the body is not valid JSON: {ex.Message}");
        }
    }
}
