using Microsoft.AspNetCore.Http;
using MqttSource.CloudEvents.Json;
using MqttSource.EventDisplay.Events;

namespace MqttSource.EventDisplay.Http;

/// <summary><c>GET /events</c>: the kept events in the JSON batch format, newest last; <c>?type=</c> keeps one type.</summary>
internal sealed class EventsEndpoint(EventHub hub)
{
    public async Task HandleAsync(HttpContext context)
    {
        var type = context.Request.Query["type"];
        var events = hub.GetEvents(type.Count == 0 ? null : type.ToString());
        var response = context.Response;
        var batch = RawJsonEventFormatter.Instance.EncodeBatchModeMessage(events, out var contentType);
        response.ContentType = contentType.ToString();
        response.Headers.CacheControl = "no-store";
        await response.Body.WriteAsync(batch, context.RequestAborted).ConfigureAwait(false);
    }
}
