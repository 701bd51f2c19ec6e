using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MqttSource.EventDisplay.Events;
using MqttSource.EventDisplay.Logging;
using MqttSource.EventDisplay.Options;
using MqttSource.EventDisplay.Output;

namespace MqttSource.EventDisplay.Http;

/// <summary>
/// <c>POST</c> on any path: binary, structured or batch CloudEvents. Each valid event is kept, offered to
/// the live page and printed; the answer is 202. Anything else gets 400 (413 when too large, 415 for an
/// unsupported event format) with a one-line reason, which is also logged.
/// </summary>
internal sealed class ReceiveEndpoint(EventDisplayOptions options, EventHub hub, OutputWriter output, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        CloudEventReadResult result;
        try
        {
            result = options.RequestLogging
                ? await ReadLoggedAsync(request, aborted).ConfigureAwait(false)
                : await CloudEventRequestReader.ReadAsync(request, options.MaxBodySize, null, aborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            await RejectAsync(context, ex.StatusCode, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            return;
        }

        if (!result.Succeeded)
        {
            await RejectAsync(context, result.StatusCode, result.Error!).ConfigureAwait(false);
            return;
        }

        foreach (var cloudEvent in result.Events)
        {
            hub.Add(cloudEvent);
            await output.WriteEventAsync(cloudEvent, aborted).ConfigureAwait(false);
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private async Task RejectAsync(HttpContext context, int statusCode, string error)
    {
        var reason = SafeText.ToOneLine(error);
        EventDisplayLog.Rejected(logger, context.Request.Method, SafeText.ToOneLine(context.Request.Path.ToString()), statusCode, reason);
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(reason + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads the body (at most one byte over the limit), prints the raw request, then decodes the copy.</summary>
    private async Task<CloudEventReadResult> ReadLoggedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var limit = options.MaxBodySize + 1;
        int read;
        while (body.Length < limit && (read = await request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - body.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            body.Write(buffer, 0, read);
        }

        var truncated = body.Length > options.MaxBodySize;
        var bytes = body.GetBuffer().AsMemory(0, (int)Math.Min(body.Length, options.MaxBodySize));
        var builder = OutputWriter.RentBuilder();
        RequestDumper.Append(builder, request, bytes.Span, truncated);
        await output.WriteAsync(builder, cancellationToken).ConfigureAwait(false);

        return truncated
            ? CloudEventRequestReader.TooLarge(options.MaxBodySize)
            : CloudEventRequestReader.Decode(request, new ReadOnlySequence<byte>(bytes), null);
    }
}
