using System.Net;
using System.Net.Sockets;
using System.Text;
using MqttSource.Hosting;

namespace MqttSource.Hosting.Tests;

/// <summary>The probe listener over real loopback sockets: what kubelet and Prometheus send, and what a broken or hostile client does.</summary>
public sealed class ProbeServerTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private ProbeServer _server = null!;

    public Task InitializeAsync()
    {
        _server = ProbeServer.Start(IPAddress.Loopback, 0, Answer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HttpClient_Get_StatusBodyAndContentType()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_server.EndPoint.Port}"), Timeout = s_timeout };

        using var ok = await http.GetAsync("/health");
        using var metrics = await http.GetAsync("/metrics?x=1");
        using var missing = await http.GetAsync("/nope");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotNull(ok.Headers.Date);
        Assert.Equal("ok\n", await ok.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        Assert.Equal("m 1\n", await metrics.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Ipv6Any_DualMode_ReachableOverBothFamiliesByItsEndPoint()
    {
        await using var server = ProbeServer.Start(IPAddress.IPv6Any, 0, Answer);
        using var http = new HttpClient { Timeout = s_timeout };

        var overV6 = await http.GetStringAsync(new Uri($"http://{new IPEndPoint(IPAddress.IPv6Loopback, server.EndPoint.Port)}/health"));
        var overV4 = await http.GetStringAsync(new Uri($"http://{new IPEndPoint(IPAddress.Loopback, server.EndPoint.Port)}/health"));

        Assert.Equal("[::]:" + server.EndPoint.Port, server.EndPoint.ToString());
        Assert.Equal("ok\n", overV6);
        Assert.Equal("ok\n", overV4);
    }

    [Fact]
    public async Task KeepAlive_PipelinedRequests_AnsweredInOrderOnOneConnection()
    {
        using var client = await ConnectAsync();

        await SendAsync(client, "GET /health HTTP/1.1\r\nHost: x\r\n\r\nHEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        var text = await ReadToEndAsync(client);

        var answers = text.Split("HTTP/1.1 ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, answers.Length);
        Assert.StartsWith("200 OK\r\n", answers[0], StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nok\n", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("200 OK\r\n", answers[1], StringComparison.Ordinal);
        Assert.Contains("Content-Length: 4\r\n", answers[1], StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", answers[1], StringComparison.Ordinal);
        Assert.StartsWith("404 Not Found\r\n", answers[2], StringComparison.Ordinal);
        Assert.Contains("Connection: close\r\n", answers[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST /health HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", "405 Method Not Allowed", "Allow: GET, HEAD")]
    [InlineData("\u0016\u0003\u0001\u0000\u0005hello\r\n\r\n", "400 Bad Request", "Connection: close")]
    [InlineData("GET /health HTTP/1.1\r\nno colon\r\n\r\n", "400 Bad Request", "Connection: close")]
    [InlineData("GET /health HTTP/1.0\r\n\r\n", "200 OK", "Connection: close")]
    public async Task BadOrFinalRequest_AnsweredAndClosed(string request, string status, string header)
    {
        using var client = await ConnectAsync();

        await SendAsync(client, request);
        var text = await ReadToEndAsync(client);

        Assert.StartsWith("HTTP/1.1 " + status + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains(header + "\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeRequestHead_431AndClosed()
    {
        using var client = await ConnectAsync();

        await SendAsync(client, "GET /health HTTP/1.1\r\nX-Big: " + new string('a', ProbeServer.MaxRequestHead) + "\r\n\r\n");
        var text = await ReadToEndAsync(client);

        Assert.StartsWith("HTTP/1.1 431 ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentOrSlowClients_ClosedAfterTheTimeout_OthersStillServed()
    {
        await using var server = ProbeServer.Start(IPAddress.Loopback, 0, Answer, TimeSpan.FromSeconds(1));
        var silent = new List<Socket>();
        for (var i = 0; i < ProbeServer.MaxConnections + 4; i++)
        {
            var socket = await ConnectAsync(server);
            await SendAsync(socket, "GET /hea"); // never finishes its head
            silent.Add(socket);
        }

        using var late = await ConnectAsync(server);
        await SendAsync(late, "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n");
        var answer = await ReadToEndAsync(late);
        var closed = await Task.WhenAll(silent.Select(ReadToEndAsync));

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.All(closed, text => Assert.Equal(string.Empty, text));
        silent.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task HandlerThrows_500AndTheListenerKeepsServing()
    {
        using var client = await ConnectAsync();

        await SendAsync(client, "GET /throw HTTP/1.1\r\n\r\nGET /health HTTP/1.1\r\nConnection: close\r\n\r\n");
        var text = await ReadToEndAsync(client);

        Assert.StartsWith("HTTP/1.1 500 Internal Server Error\r\n", text, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: broken", text, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 200 OK\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientResetsMidRequest_ListenerKeepsServing()
    {
        for (var i = 0; i < 20; i++)
        {
            var socket = await ConnectAsync();
            await SendAsync(socket, "GET /metrics HTTP/1.1\r\n");
            socket.LingerState = new LingerOption(true, 0);
            socket.Dispose(); // RST
        }

        using var client = await ConnectAsync();
        await SendAsync(client, "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", await ReadToEndAsync(client), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_WithOpenConnections_ReturnsAndStopsListening()
    {
        using var idle = await ConnectAsync();
        var port = _server.EndPoint.Port;

        var dispose = _server.DisposeAsync().AsTask();

        Assert.Same(dispose, await Task.WhenAny(dispose, Task.Delay(s_timeout)));
        Assert.Equal(string.Empty, await ReadToEndAsync(idle));
        using var refused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAsync<SocketException>(() => refused.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public void Start_PortInUse_SocketException()
    {
        var error = Assert.Throws<SocketException>(() => ProbeServer.Start(IPAddress.Loopback, _server.EndPoint.Port, Answer));

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }

    private static ProbeResponse Answer(string path) => path switch
    {
        "/health" => new ProbeResponse(200, "ok\n"),
        "/metrics" => new ProbeResponse(200, "m 1\n", ProbeResponse.PrometheusText),
        "/throw" => throw new InvalidOperationException("broken"),
        _ => new ProbeResponse(404, "not found\n"),
    };

    private Task<Socket> ConnectAsync() => ConnectAsync(_server);

    private static async Task<Socket> ConnectAsync(ProbeServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, server.EndPoint.Port);
        return socket;
    }

    private static async Task SendAsync(Socket socket, string text) => await socket.SendAsync(Encoding.Latin1.GetBytes(text), SocketFlags.None);

    /// <summary>Everything until the server closes (empty when it closes without a word); fails the test after 10 s.</summary>
    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        using var cancel = new CancellationTokenSource(s_timeout);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // reset after the answer: what was received counts
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }
}
