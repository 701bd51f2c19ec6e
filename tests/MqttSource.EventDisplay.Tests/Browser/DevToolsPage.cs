using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MqttSource.Testing;

namespace MqttSource.EventDisplay.Tests.Browser;

/// <summary>A page driven over the Chrome DevTools Protocol: evaluates JavaScript and returns the value.</summary>
internal sealed class DevToolsPage : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private int lastId;

    public static async Task<DevToolsPage> ConnectAsync(Uri webSocketUrl, CancellationToken cancellationToken)
    {
        var page = new DevToolsPage();
        await page.socket.ConnectAsync(webSocketUrl, cancellationToken);
        return page;
    }

    /// <summary>Evaluates an expression in the page and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var id = ++lastId;
        var request = JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, object>
            {
                ["id"] = id,
                ["method"] = "Runtime.evaluate",
                ["params"] = new Dictionary<string, object> { ["expression"] = expression, ["returnByValue"] = true },
            });
        await socket.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        while (true)
        {
            using var reply = await ReceiveAsync(cancellationToken);
            var root = reply.RootElement;
            if (!root.TryGetProperty("id", out var replyId) || replyId.GetInt32() != id)
            {
                continue; // a protocol event, or an answer to an earlier call
            }

            if (root.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"DevTools error for {expression}: {error}");
            }

            var result = root.GetProperty("result");
            if (result.TryGetProperty("exceptionDetails", out var exception))
            {
                throw new InvalidOperationException($"The page threw evaluating {expression}: {exception}");
            }

            return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
        }
    }

    /// <summary>Waits until a boolean expression is true in the page.</summary>
    public Task WaitUntilAsync(string expression, TimeSpan timeout, string because, CancellationToken cancellationToken) =>
        Eventually.WaitUntilAsync(
            async () => (await EvaluateAsync(expression, cancellationToken)).ValueKind == JsonValueKind.True,
            timeout,
            because,
            cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var close = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, close.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        socket.Dispose();
    }

    private async Task<JsonDocument> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("Chromium closed the DevTools connection.");
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray());
            }
        }
    }
}
