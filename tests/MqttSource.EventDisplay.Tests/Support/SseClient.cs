using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MqttSource.Testing;

namespace MqttSource.EventDisplay.Tests.Support;

/// <summary>A Server-Sent Events client that collects what /events/stream sends.</summary>
internal sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource stop = new();
    private readonly Task reading;

    private SseClient(HttpResponseMessage response, Stream stream)
    {
        this.response = response;
        reading = Task.Run(() => ReadAsync(stream));
    }

    public ConcurrentQueue<(string? Id, string Event, string Data)> Messages { get; } = new();

    public int CommentCount { get; private set; }

    public string ContentType => response.Content.Headers.ContentType?.ToString() ?? string.Empty;

    public static async Task<SseClient> ConnectAsync(HttpClient client, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events/stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseClient(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The event ids of the cloudevent messages received, in order.</summary>
    public List<string> EventIds() =>
        [.. Messages.Where(m => m.Event == "cloudevent").Select(m => JsonDocument.Parse(m.Data).RootElement.GetProperty("event").GetProperty("id").GetString()!)];

    public Task WaitForEventIdAsync(string id) =>
        Eventually.WaitUntilAsync(() => EventIds().Contains(id), RunningDisplay.Timeout, $"the stream delivers event {id}");

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        try
        {
            await reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
        }

        stop.Dispose();
    }

    private async Task ReadAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? id = null, name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data.Length > 0)
                {
                    Messages.Enqueue((id, name ?? "message", data.ToString()));
                }

                id = name = null;
                data.Clear();
            }
            else if (line.StartsWith(':'))
            {
                CommentCount++;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : string.Empty).Append(line[6..]);
            }
        }
    }
}
