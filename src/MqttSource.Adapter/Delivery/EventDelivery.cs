using System.Text;
using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Conversion;
using MqttSource.Adapter.Logging;
using MqttSource.Adapter.Metrics;
using MqttSource.Adapter.Pipeline;
using MqttSource.CloudEvents;
using MqttSource.Mqtt;

namespace MqttSource.Adapter.Delivery;

/// <summary>
/// Converts a message and delivers the event: sink with retries; when that fails for good, the dead-letter sink with
/// <c>knativeerrordest</c>, <c>knativeerrorcode</c> and <c>knativeerrordata</c>; without one (or when it fails too), drop with a log line.
/// </summary>
internal sealed class EventDelivery(
    EventConverter converter,
    SinkSender sender,
    DeliveryPolicy policy,
    Uri sink,
    Uri? deadLetterSink,
    AdapterMetrics metrics,
    ILogger logger) : IEventDelivery
{
    private static readonly CloudEventAttribute ErrorDest = CloudEventAttribute.CreateExtension("knativeerrordest", CloudEventAttributeType.String);
    private static readonly CloudEventAttribute ErrorCode = CloudEventAttribute.CreateExtension("knativeerrorcode", CloudEventAttributeType.String);
    private static readonly CloudEventAttribute ErrorData = CloudEventAttribute.CreateExtension("knativeerrordata", CloudEventAttributeType.String);

    public async Task<DeliveryOutcomeKind> DeliverAsync(MqttApplicationMessage message, DateTimeOffset receivedAt, CancellationToken abort)
    {
        var conversion = converter.Convert(message, receivedAt);
        var ev = conversion.Event;
        AttemptResult result;
        if (conversion.Status == ConversionStatus.InvalidCloudEvent)
        {
            metrics.InvalidCloudEvent();
            AdapterLog.InvalidCloudEvent(logger, message.Topic, conversion.Error!);
            result = new AttemptResult(400, null, Encoding.UTF8.GetBytes("invalid CloudEvent: " + conversion.Error), null);
        }
        else
        {
            result = await SendAsync(sink, ev, abort).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                return DeliveryOutcomeKind.Delivered;
            }
        }

        if (deadLetterSink is not null)
        {
            ev[ErrorDest] = sink.OriginalString;
            ev[ErrorCode] = result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";
            ev[ErrorData] = result.ErrorBody.IsEmpty ? Convert.ToBase64String(Encoding.UTF8.GetBytes(result.Error ?? string.Empty)) : Convert.ToBase64String(result.ErrorBody.Span);
            var dead = await SendAsync(deadLetterSink, ev, abort).ConfigureAwait(false);
            if (dead.IsSuccess)
            {
                AdapterLog.DeadLettered(logger, ev.Id!, ev.Type!, ev.Subject, sink.OriginalString, result.ToString(), deadLetterSink.OriginalString);
                return DeliveryOutcomeKind.DeadLettered;
            }

            result = dead;
        }

        AdapterLog.Dropped(logger, ev.Id!, ev.Type!, ev.Subject, sink.OriginalString, result.ToString());
        return DeliveryOutcomeKind.Dropped;
    }

    private ValueTask<AttemptResult> SendAsync(Uri target, CloudEvent ev, CancellationToken abort) =>
        policy.ExecuteAsync(static (s, ct) => s.Sender.SendAsync(s.Target, s.Event, ct), (Sender: sender, Target: target, Event: ev), ev.Id!, abort);
}
