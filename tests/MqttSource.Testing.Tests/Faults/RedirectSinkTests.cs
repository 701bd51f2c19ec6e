using System.Net;
using MqttSource.Testing.Faults;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

public sealed class RedirectSinkTests
{
    private static readonly Uri s_target = new("http://127.0.0.1:9/sink/");

    private static HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri url, string eventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("payload") };
        request.Headers.Add("ce-id", eventId);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Post_OneHop_AnswersTheStatusWithTheTargetAndRecordsTheRequest(int status)
    {
        await using var redirect = await RedirectSink.StartAsync(status, s_target);
        using var client = Client();

        using var response = await PostAsync(client, redirect.Url, "e1");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(s_target, response.Headers.Location);
        var recorded = Assert.Single(redirect.Requests);
        Assert.Equal(("POST", "/", "e1", 7L), (recorded.Method, recorded.Path, recorded.EventId, recorded.BodyLength));
    }

    [Fact]
    public async Task Post_ThreeHops_ChainsThroughItselfThenTheTarget()
    {
        await using var redirect = await RedirectSink.StartAsync(308, s_target, hops: 3);
        using var client = Client();

        var locations = new List<Uri>();
        var url = redirect.Url;
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostAsync(client, url, "e2");
            url = response.Headers.Location!;
            locations.Add(url);
        }

        Assert.Equal([new Uri(redirect.Url, "hop/2"), new Uri(redirect.Url, "hop/1"), s_target], locations);
        Assert.Equal(["/", "/hop/2", "/hop/1"], redirect.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Post_Loop_PointsBackAtItself()
    {
        await using var redirect = await RedirectSink.StartAsync(307, s_target, loop: true);
        using var client = Client();

        using var response = await PostAsync(client, redirect.Url, "e3");

        Assert.Equal(redirect.Url, response.Headers.Location);
    }

    [Fact]
    public async Task StartAsync_NotARedirectStatus_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RedirectSink.StartAsync(200, s_target));
    }

    [Fact]
    public async Task Post_WithHttpClientFollowing_SameMethodAndBodyReachTheTarget()
    {
        await using var sink = await MqttSource.Testing.Sinks.LoopbackSink.StartAsync();
        await using var redirect = await RedirectSink.StartAsync(307, sink.Url, hops: 2);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true, UseProxy = false });

        using var response = await PostAsync(client, redirect.Url, "e4");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var arrived = Assert.Single(sink.Requests);
        Assert.Equal(("POST", "payload"), (arrived.Method, arrived.BodyText));
        Assert.Equal(2, redirect.Requests.Count);
    }
}
