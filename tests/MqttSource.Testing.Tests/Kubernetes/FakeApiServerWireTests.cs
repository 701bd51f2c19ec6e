using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MqttSource.Testing;
using MqttSource.Testing.Kubernetes;
using Xunit;

namespace MqttSource.Testing.Tests.Kubernetes;

/// <summary>The fake API server on the wire, without a client library: bodies as the real server writes them.</summary>
public sealed class FakeApiServerWireTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private FakeApiServer Server { get; set; } = null!;

    public async Task InitializeAsync() => Server = await FakeApiServer.StartAsync(new FakeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    private static CancellationToken TestTimeout() => new CancellationTokenSource(Timeout).Token;

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var http = Server.CreateHttpClient();
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using var response = await http.SendAsync(request, TestTimeout());
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(TestTimeout()))!.AsObject());
    }

    [Fact]
    public async Task Get_Missing_StatusBodyLikeTheRealServer()
    {
        var (code, body) = await SendAsync(HttpMethod.Get, "api/v1/namespaces/default/services/nope");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.True(JsonNode.DeepEquals(
            Obj("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"services \"nope\" not found",
                 "reason":"NotFound","details":{"name":"nope","kind":"services"},"code":404}
                """),
            body));
    }

    [Fact]
    public async Task Create_GenerateName_CompletesTheName()
    {
        var (code, body) = await SendAsync(HttpMethod.Post, "api/v1/namespaces/default/events", """{"kind":"Event","metadata":{"generateName":"src-"}}""");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Matches("^src-[a-z0-9]{5}$", body["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("v1", body["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithoutKindAndApiVersion_FilledInFromThePathLikeTheRealServer()
    {
        var (code, body) = await SendAsync(HttpMethod.Post, "apis/coordination.k8s.io/v1/namespaces/system/leases", """{"metadata":{"name":"lock"},"spec":{"holderIdentity":"a"}}""");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(("Lease", "coordination.k8s.io/v1"), (body["kind"]!.GetValue<string>(), body["apiVersion"]!.GetValue<string>()));
        Assert.Equal("system", body["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_CustomResourceWithoutKind_KindFromItsRegistration()
    {
        Server.RegisterKind("example.com", "widgets", "Widget");

        var (code, body) = await SendAsync(HttpMethod.Post, "apis/example.com/v1/namespaces/ns/widgets", """{"metadata":{"name":"w"}}""");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("Widget", body["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WrongKindForTheResource_BadRequest()
    {
        var (code, body) = await SendAsync(HttpMethod.Post, "api/v1/namespaces/ns/services", """{"kind":"Pod","metadata":{"name":"x"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("kind", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithResourceVersionOrWrongApiVersion_Rejected()
    {
        var (withRv, _) = await SendAsync(HttpMethod.Post, "api/v1/namespaces/default/services", """{"kind":"Service","metadata":{"name":"a","resourceVersion":"5"}}""");
        var (wrongVersion, body) = await SendAsync(HttpMethod.Post, "apis/apps/v1/namespaces/default/statefulsets", """{"kind":"StatefulSet","apiVersion":"apps/v2","metadata":{"name":"a"}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, withRv);
        Assert.Equal(HttpStatusCode.BadRequest, wrongVersion);
        Assert.Contains("does not match the expected API version", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_NameMismatch_BadRequest()
    {
        await SendAsync(HttpMethod.Post, "api/v1/namespaces/default/services", """{"kind":"Service","metadata":{"name":"a"}}""");

        var (code, _) = await SendAsync(HttpMethod.Put, "api/v1/namespaces/default/services/a", """{"kind":"Service","metadata":{"name":"b"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Patch_OtherPatchTypes_UnsupportedMediaType()
    {
        await SendAsync(HttpMethod.Post, "api/v1/namespaces/default/services", """{"kind":"Service","metadata":{"name":"a"}}""");

        var (code, body) = await SendAsync(HttpMethod.Patch, "api/v1/namespaces/default/services/a", "[]", "application/json-patch+json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Equal("UnsupportedMediaType", body["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upsert_SeedsStatusAndBumpsGenerationOnSpecChangeOnly()
    {
        var first = Server.Upsert("example.com", "v1", "widgets", Obj("""{"metadata":{"name":"w","namespace":"ns"},"spec":{"a":1},"status":{"ready":false}}"""));
        var statusOnly = Server.Upsert("example.com", "v1", "widgets", Obj("""{"metadata":{"name":"w","namespace":"ns"},"spec":{"a":1},"status":{"ready":true}}"""));
        var specChange = Server.Upsert("example.com", "v1", "widgets", Obj("""{"metadata":{"name":"w","namespace":"ns"},"spec":{"a":2},"status":{"ready":true}}"""));

        Assert.Equal("Widget", first["kind"]!.GetValue<string>());
        Assert.Equal(1, statusOnly["metadata"]!["generation"]!.GetValue<long>());
        Assert.True(statusOnly["status"]!["ready"]!.GetValue<bool>());
        Assert.Equal(2, specChange["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(first["metadata"]!["uid"]!.GetValue<string>(), specChange["metadata"]!["uid"]!.GetValue<string>());
        Assert.Single(Server.List("example.com", "widgets"));
    }

    [Fact]
    public async Task Watch_RawStream_JsonLinesWithTypeAndObjectAndPeriodicBookmarks()
    {
        using var http = Server.CreateHttpClient();
        using var response = await http.GetAsync(
            $"apis/apps/v1/namespaces/default/statefulsets?watch=true&allowWatchBookmarks=true&resourceVersion={Server.CurrentResourceVersion}",
            HttpCompletionOption.ResponseHeadersRead,
            TestTimeout());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestTimeout()));
        await Eventually.WaitUntilAsync(() => Server.ActiveWatches == 1, Timeout, "the watch is open");

        await SendAsync(HttpMethod.Post, "apis/apps/v1/namespaces/default/statefulsets", """{"kind":"StatefulSet","metadata":{"name":"a"},"spec":{"replicas":1}}""");
        // Bookmarks come every 100 ms: one may come before the change on a busy machine.
        JsonNode added;
        do
        {
            added = JsonNode.Parse((await reader.ReadLineAsync(TestTimeout()))!)!;
        }
        while (added["type"]!.GetValue<string>() == "BOOKMARK");

        string? bookmarkLine;
        do
        {
            bookmarkLine = await reader.ReadLineAsync(TestTimeout());
        }
        while (bookmarkLine is not null && !bookmarkLine.Contains("BOOKMARK", StringComparison.Ordinal));

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("ADDED", added["type"]!.GetValue<string>());
        Assert.Equal("a", added["object"]!["metadata"]!["name"]!.GetValue<string>());
        var bookmark = JsonNode.Parse(bookmarkLine!)!;
        Assert.Equal("StatefulSet", bookmark["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("apps/v1", bookmark["object"]!["apiVersion"]!.GetValue<string>());
        Assert.Equal(Server.CurrentResourceVersion, bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_TooOldResourceVersion_Http200WithErrorEvent()
    {
        await SendAsync(HttpMethod.Post, "api/v1/namespaces/default/services", """{"kind":"Service","metadata":{"name":"a"}}""");
        Server.CompactHistory();
        await SendAsync(HttpMethod.Post, "api/v1/namespaces/default/services", """{"kind":"Service","metadata":{"name":"b"}}""");
        using var http = Server.CreateHttpClient();

        using var response = await http.GetAsync("api/v1/namespaces/default/services?watch=true&resourceVersion=1", TestTimeout());
        var line = JsonNode.Parse((await response.Content.ReadAsStringAsync(TestTimeout())).Trim())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ERROR", line["type"]!.GetValue<string>());
        Assert.Equal(410, line["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", line["object"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownPath_NotFoundStatus()
    {
        var (code, body) = await SendAsync(HttpMethod.Get, "healthz/nothing");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("Status", body["kind"]!.GetValue<string>());
    }

    [Fact]
    public void JsonMergePatch_Rfc7386Examples()
    {
        Assert.True(JsonNode.DeepEquals(Obj("""{"a":"z","c":{"d":"e"}}"""), JsonMergePatch.Apply(Obj("""{"a":"b","c":{"d":"e","f":"g"}}"""), Obj("""{"a":"z","c":{"f":null}}"""))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":["c"]}"""), JsonMergePatch.Apply(Obj("""{"a":["b"]}"""), Obj("""{"a":["c"]}"""))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":{"bb":{}}}"""), JsonMergePatch.Apply(Obj("""{}"""), Obj("""{"a":{"bb":{"ccc":null}}}"""))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["c"]"""), JsonMergePatch.Apply(Obj("""{"a":"foo"}"""), JsonNode.Parse("""["c"]"""))));
    }
}
