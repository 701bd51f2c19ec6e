using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using MqttSource.EventDisplay.Events;
using MqttSource.EventDisplay.Logging;
using MqttSource.EventDisplay.Options;

namespace MqttSource.EventDisplay.Http;

/// <summary>
/// <c>GET /events/stream</c>: Server-Sent Events for the live page. A client first gets the kept events
/// (those after its <c>Last-Event-ID</c> when it reconnects), then each new one as <c>event: cloudevent</c>;
/// <c>event: dropped</c> says how many it missed by reading too slowly; a comment keeps idle streams open.
/// </summary>
internal sealed class StreamEndpoint(EventDisplayOptions options, EventHub hub, TimeProvider timeProvider, ILogger logger, CancellationToken stopping)
{
    private long lastClientId;

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        var afterSequence = long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0;
        using var subscription = hub.TrySubscribe(afterSequence, out var backlog);
        if (subscription is null)
        {
            EventDisplayLog.StreamClientRefused(logger, options.MaxStreamClients);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("Too many live-page clients are connected; try again later.\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var clientId = Interlocked.Increment(ref lastClientId);
        EventDisplayLog.StreamClientConnected(logger, clientId, hub.SubscriberCount);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache, no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var writer = response.BodyWriter;
            writer.Write("retry: 2000\n\n"u8);
            foreach (var stored in backlog)
            {
                ServerSentEvents.WriteEvent(writer, stored.Sequence, "cloudevent"u8, stored.GetStreamMessage());
            }

            backlog.Clear();
            await writer.FlushAsync(ending.Token).ConfigureAwait(false);
            await PumpAsync(subscription, writer, clientId, ending.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionAbortedException && ending.IsCancellationRequested)
        {
            // The client left or the server is stopping.
        }
        finally
        {
            EventDisplayLog.StreamClientLeft(logger, clientId);
        }
    }

    private async Task PumpAsync(EventSubscription subscription, PipeWriter writer, long clientId, CancellationToken cancellationToken)
    {
        var reader = subscription.Reader;
        while (await WaitAsync(reader, writer, cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var stored))
            {
                ServerSentEvents.WriteEvent(writer, stored.Sequence, "cloudevent"u8, stored.GetStreamMessage());
            }

            var dropped = subscription.TakeDropped();
            if (dropped > 0)
            {
                EventDisplayLog.StreamClientDropped(logger, clientId, dropped);
                ServerSentEvents.WriteNumberEvent(writer, "dropped"u8, dropped);
            }

            var flush = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>Waits for events; while none come, writes a keep-alive comment every <see cref="EventDisplayOptions.StreamKeepAlive"/>.</summary>
    private async Task<bool> WaitAsync(System.Threading.Channels.ChannelReader<StoredEvent> reader, PipeWriter writer, CancellationToken cancellationToken)
    {
        var wait = reader.WaitToReadAsync(cancellationToken);
        if (wait.IsCompleted)
        {
            return await wait.ConfigureAwait(false);
        }

        while (true)
        {
            using var idle = new CancellationTokenSource(options.StreamKeepAlive, timeProvider);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            try
            {
                return await reader.WaitToReadAsync(either.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                writer.Write(": keep-alive\n\n"u8);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
