using System.Net;
using System.Net.Sockets;
using System.Text;
using MqttSource.Testing.Faults;
using MqttSource.Testing.Sinks;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

/// <summary>The proxy's faults, seen by a real .NET HttpClient against a real loopback sink, and by raw sockets.</summary>
public sealed class FaultProxyTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private LoopbackSink _sink = null!;
    private FaultProxy _proxy = null!;
    private EchoTarget _echo = null!;
    private FaultProxy _echoProxy = null!;

    public async Task InitializeAsync()
    {
        _sink = await LoopbackSink.StartAsync();
        _proxy = FaultProxy.Start(_sink.Url);
        _echo = await EchoTarget.StartAsync();
        _echoProxy = FaultProxy.Start("127.0.0.1", _echo.Port);
    }

    public async Task DisposeAsync()
    {
        await _echoProxy.DisposeAsync();
        await _echo.DisposeAsync();
        await _proxy.DisposeAsync();
        await _sink.DisposeAsync();
    }

    private static HttpClient Client(TimeSpan? connectTimeout = null, TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10), UseProxy = false })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };

    private Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync(_proxy.HttpUrl, new StringContent(body), CancellationToken.None);

    [Fact]
    public async Task Forward_HttpRequest_ReachesTheSinkAndTheAnswerComesBack()
    {
        using var client = Client();

        using var response = await PostAsync(client, "hello");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("hello", Assert.Single(_sink.Requests).BodyText);
        Assert.Equal(ProxyConnectionState.Forwarding, Assert.Single(_proxy.Connections).State);
    }

    [Fact]
    public async Task MakeUnreachable_HttpClientConnect_HangsUntilItsConnectTimeoutThenWorksAfterHeal()
    {
        using var client = Client(connectTimeout: TimeSpan.FromSeconds(1));
        await _proxy.MakeUnreachableAsync();

        var started = DateTimeOffset.UtcNow;
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => PostAsync(client, "lost"));
        var waited = DateTimeOffset.UtcNow - started;

        // The SYN is dropped, not refused: the connect hangs for the whole connect timeout. On .NET 10 that surfaces as a
        // TaskCanceledException wrapping a TimeoutException, not as an HttpRequestException.
        Assert.IsType<TaskCanceledException>(failure);
        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"the connect gave up after {waited.TotalMilliseconds:0} ms: it was refused, not dropped");
        Assert.Empty(_sink.Requests);

        await _proxy.HealAsync();
        using var response = await PostAsync(client, "after");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("after", Assert.Single(_sink.Requests).BodyText);
    }

    [Fact]
    public async Task MakeUnreachable_OpenConnection_IsClosed()
    {
        using var socket = await ConnectEchoAsync();

        await _echoProxy.MakeUnreachableAsync();

        Assert.Equal(0, await ReceiveAsync(socket, new byte[1]));
    }

    [Fact]
    public async Task Freeze_OpenConnection_StaysOpenForwardsNothingAndNewConnectsHang()
    {
        using var socket = await ConnectEchoAsync();

        await _echoProxy.FreezeAsync();
        await socket.SendAsync("b"u8.ToArray());

        // Nothing comes back, and the connection is neither closed nor reset (half-open).
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ReceiveAsync(new byte[1], SocketFlags.None, quiet.Token).AsTask());
        Assert.Equal(ProxyConnectionState.Holding, Assert.Single(_echoProxy.Connections).State);
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var connectLimit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late.ConnectAsync(IPAddress.Loopback, _echoProxy.Port, connectLimit.Token).AsTask());
    }

    [Fact]
    public async Task Freeze_ClientClosesItsSide_ClientClosedAtRecordedAndNothingPassedOn()
    {
        var socket = await ConnectEchoAsync();
        await _echoProxy.FreezeAsync();
        var frozenAt = DateTimeOffset.UtcNow;

        socket.Dispose();

        var connection = Assert.Single(_echoProxy.Connections);
        await Eventually.WaitUntilAsync(() => connection.ClientClosedAt is not null, s_timeout, "the proxy saw the client close");
        Assert.True(connection.ClientClosedAt >= frozenAt);
        Assert.Equal(ProxyConnectionState.Holding, connection.State); // a partition: the close does not get through
        Assert.Equal(0, _echo.Closed);
    }

    [Fact]
    public async Task Heal_AfterFreeze_HeldConnectionResetAndNewConnectionsForward()
    {
        using var frozen = await ConnectEchoAsync();
        await _echoProxy.FreezeAsync();

        await _echoProxy.HealAsync();

        Assert.True(await ReceiveAsync(frozen, new byte[1]) <= 0, "the frozen connection was reset");
        using var fresh = await ConnectAsync(_echoProxy.Port);
        Assert.Equal("c", await EchoAsync(fresh, "c"));
        Assert.Equal(ProxyMode.Forward, _echoProxy.Mode);
    }

    [Fact]
    public async Task Reset_KeptAliveAndNewConnections_RequestsFailWithATransportErrorUntilHeal()
    {
        using var client = Client();
        (await PostAsync(client, "first")).Dispose();

        await _proxy.ResetAsync();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(client, "reset"));
        Assert.NotNull(failure.InnerException);
        await _proxy.HealAsync();
        using var response = await PostAsync(client, "healed");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["first", "healed"], _sink.Requests.Select(r => r.BodyText));
    }

    [Fact]
    public async Task HangAfterRequestHead_HttpRequest_NoAnswerUntilTheClientGivesUp()
    {
        using var client = Client(timeout: TimeSpan.FromSeconds(1));
        await _proxy.HangAfterRequestHeadAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => PostAsync(client, "hung"));

        Assert.Empty(_sink.Requests);
        Assert.Contains(_proxy.Connections, c => c.AcceptedIn == ProxyMode.HangAfterRequestHead && c.State == ProxyConnectionState.Holding);
    }

    [Fact]
    public async Task HangAfterResponseHead_HttpRequest_StatusArrivesTheBodyNever()
    {
        using var client = Client();
        await _proxy.HangAfterResponseHeadAsync(503);

        using var request = new HttpRequestMessage(HttpMethod.Post, _proxy.HttpUrl) { Content = new StringContent("hung") };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var bodyLimit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var stream = await response.Content.ReadAsStreamAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[16], bodyLimit.Token).AsTask());
        Assert.Empty(_sink.Requests);
    }

    [Fact]
    public async Task HangAfterResponseHead_SuccessStatus_Refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _proxy.HangAfterResponseHeadAsync(200));
    }

    /// <summary>A connection through the proxy to the echo server, checked with one round trip.</summary>
    private async Task<Socket> ConnectEchoAsync()
    {
        var socket = await ConnectAsync(_echoProxy.Port);
        Assert.Equal("a", await EchoAsync(socket, "a"));
        return socket;
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    private static async Task<string> EchoAsync(Socket socket, string text)
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(text));
        var buffer = new byte[text.Length];
        var read = await ReceiveAsync(socket, buffer);
        return Encoding.ASCII.GetString(buffer, 0, Math.Max(0, read));
    }

    /// <summary>Bytes read, 0 at a close, -1 at a reset; bounded by the test timeout.</summary>
    private static async Task<int> ReceiveAsync(Socket socket, byte[] buffer)
    {
        using var limit = new CancellationTokenSource(s_timeout);
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token);
        }
        catch (SocketException)
        {
            return -1;
        }
    }
}
