using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudNative.CloudEvents;
using MqttSource.Adapter.Delivery;
using MqttSource.Testing.CloudEvents;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Delivery;

/// <summary>
/// One attempt against real loopback sinks: 307/308 followed for the same request (bounded, token only to the same host),
/// other redirects not followed, and every exception shape of the HTTP stack classified as a transport failure.
/// </summary>
public sealed class SinkSenderTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private LoopbackSink _first = null!;
    private LoopbackSink _second = null!;

    public async Task InitializeAsync()
    {
        _first = await LoopbackSink.StartAsync();
        _second = await LoopbackSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static SinkSender Sender(HttpMessageHandler? handler = null, string? token = null) =>
        new(new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan }, ContentMode.Binary, token is null ? null : new FixedToken(token));

    private static CloudEvent Event()
    {
        var ev = TestEvents.Minimal();
        ev.DataContentType = "text/plain";
        ev.Data = Encoding.UTF8.GetBytes("payload-1");
        return ev;
    }

    private static async Task<AttemptResult> SendAsync(SinkSender sender, Uri target)
    {
        using var limit = new CancellationTokenSource(s_timeout);
        return await sender.SendAsync(target, Event(), limit.Token);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Send_TemporaryOrPermanentRedirect_FollowedWithTheSameRequest(int code)
    {
        _first.Behaviour = _ => SinkResponse.Redirect(code, _second.Url);

        var result = await SendAsync(Sender(), _first.Url);

        Assert.True(result.IsSuccess, result.ToString());
        var redirected = Assert.Single(_second.Requests);
        Assert.Equal("POST", redirected.Method);
        Assert.Equal("payload-1", redirected.BodyText);
        Assert.Equal(Assert.Single(_first.Requests).Header("ce-id"), redirected.Header("ce-id"));
        Assert.Equal(Assert.Single(_first.Requests).Header("traceparent"), redirected.Header("traceparent"));
    }

    [Fact]
    public async Task Send_RelativeRedirect_ResolvedAgainstTheSink()
    {
        _first.Behaviour = r => r.Path == "/moved" ? SinkResponse.Accepted : SinkResponse.Redirect(307, new Uri("/moved", UriKind.Relative));

        var result = await SendAsync(Sender(), _first.Url);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(["/", "/moved"], _first.Requests.Select(r => r.Path));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public async Task Send_OtherRedirect_NotFollowedAndNotRetryable(int code)
    {
        _first.Behaviour = _ => SinkResponse.Redirect(code, _second.Url);

        var result = await SendAsync(Sender(), _first.Url);

        Assert.Equal(code, result.StatusCode);
        Assert.False(result.IsRetryable);
        Assert.Empty(_second.Requests);
    }

    [Fact]
    public async Task Send_RedirectLoop_StopsAfterTenRedirectsNotRetryable()
    {
        _first.Behaviour = _ => SinkResponse.Redirect(307, _first.Url);

        var result = await SendAsync(Sender(), _first.Url);

        Assert.False(result.IsSuccess);
        Assert.False(result.IsRetryable);
        Assert.Equal(307, result.StatusCode);
        Assert.Contains("10 redirects", result.Error, StringComparison.Ordinal);
        Assert.Equal(SinkSender.MaxRedirects + 1, _first.Requests.Count);
    }

    [Fact]
    public async Task Send_RedirectWithoutLocation_NotRetryable()
    {
        _first.Behaviour = _ => SinkResponse.Status(308);

        var result = await SendAsync(Sender(), _first.Url);

        Assert.Equal(308, result.StatusCode);
        Assert.False(result.IsRetryable);
    }

    [Fact]
    public async Task Send_RedirectToTheSameHost_KeepsTheBearerToken()
    {
        _first.Behaviour = _ => SinkResponse.Redirect(307, _second.Url);

        await SendAsync(Sender(token: "secret-token"), _first.Url);

        Assert.Equal("Bearer secret-token", Assert.Single(_second.Requests).Header("authorization"));
    }

    [Fact]
    public async Task Send_RedirectToAnotherHost_DropsTheBearerToken()
    {
        var elsewhere = new UriBuilder(_second.Url) { Host = "localhost" }.Uri;
        _first.Behaviour = _ => SinkResponse.Redirect(307, elsewhere);

        var result = await SendAsync(Sender(token: "secret-token"), _first.Url);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("Bearer secret-token", Assert.Single(_first.Requests).Header("authorization"));
        Assert.Null(Assert.Single(_second.Requests).Header("authorization"));
    }

    [Fact]
    public async Task Send_ConnectTimeoutAsTaskCanceledWrappingTimeout_RetryableTransportFailure()
    {
        // The shape SocketsHttpHandler.ConnectTimeout produces on .NET 10 when a sink drops SYNs.
        var sender = Sender(new ThrowingHandler(() => new TaskCanceledException("The operation was canceled.", new TimeoutException("A connection could not be established within 10 seconds."))));

        var result = await SendAsync(sender, _first.Url);

        Assert.True(result.IsRetryable);
        Assert.Null(result.StatusCode);
        Assert.Contains("connect timeout", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(ObjectDisposedException))]
    [InlineData(typeof(NotSupportedException))]
    [InlineData(typeof(SocketException))]
    [InlineData(typeof(OperationCanceledException))]
    public async Task Send_UnexpectedExceptionFromTheHttpStack_RetryableTransportFailure(Type type)
    {
        var sender = Sender(new ThrowingHandler(() => type == typeof(ObjectDisposedException) ? new ObjectDisposedException("handler") : (Exception)Activator.CreateInstance(type)!));

        var result = await SendAsync(sender, _first.Url);

        Assert.True(result.IsRetryable, result.ToString());
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public async Task Send_CancelledByTheCaller_Throws()
    {
        _first.Hold();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Sender().SendAsync(_first.Url, Event(), cancel.Token));
        _first.Release();
    }

    [Fact]
    public async Task Send_ConnectionRefused_RetryableTransportFailure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await SendAsync(Sender(), new Uri($"http://127.0.0.1:{port}/"));

        Assert.True(result.IsRetryable);
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public async Task Send_ErrorBodyNeverCompletes_StatusCountsWithinTheBodyTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[65536];
            await socket.ReceiveAsync(buffer);
            await socket.SendAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 1000\r\n\r\nschema"u8.ToArray());
            await Task.Delay(s_timeout);
        });

        var result = await SendAsync(Sender(), new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(400, result.StatusCode);
        Assert.False(result.IsRetryable);
        Assert.Equal("schema", Encoding.UTF8.GetString(result.ErrorBody.Span));
        listener.Stop();
        _ = server;
    }

    private sealed class FixedToken(string token) : IBearerTokenSource
    {
        public string? GetToken() => token;
    }

    /// <summary>An HTTP stack that fails every request with the given exception (the shapes the real one produces).</summary>
    private sealed class ThrowingHandler(Func<Exception> exception) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(exception());
    }
}
