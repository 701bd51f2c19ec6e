using System.Text;
using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Conversion;
using MqttSource.Adapter.Logging;
using MqttSource.Adapter.Metrics;
using MqttSource.Adapter.Pipeline;
using CloudNative.CloudEvents;
using MqttSource.Mqtt;

namespace MqttSource.Adapter.Delivery;

/// <summary>
/// Converts a message and delivers the event: sink with retries; when that fails for good, the dead-letter sink with
/// <c>knativeerrordest</c>, <c>knativeerrorcode</c> and <c>knativeerrordata</c>; without one (or when it fails too), drop
/// with a log line. A message that cannot be converted or encoded — whatever the reason — is invalid: counted, logged
/// once with its topic, and dead-lettered as a minimal event (or dropped). Only shutdown ends it otherwise (an
/// <see cref="OperationCanceledException"/>, the message then stays un-acknowledged).
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
    public async Task<DeliveryOutcomeKind> DeliverAsync(MqttApplicationMessage message, DateTimeOffset receivedAt, CancellationToken abort)
    {
        CloudEvent? ev = null;
        string invalid;
        try
        {
            var conversion = converter.Convert(message, receivedAt);
            ev = conversion.Event;
            invalid = conversion.Status == ConversionStatus.InvalidCloudEvent ? "invalid CloudEvent: " + conversion.Error : string.Empty;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            invalid = $"cannot convert: {ex.Message}";
        }

        if (invalid.Length == 0)
        {
            var result = await SendAsync(sink, ev!, abort).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                return DeliveryOutcomeKind.Delivered;
            }

            if (!result.Unsendable || result.StatusCode is not null)
            {
                return await FailedAsync(ev!, result, abort).ConfigureAwait(false);
            }

            invalid = result.Error ?? "cannot send";
            ev = null; // the event itself cannot be encoded: the dead-letter sink gets the minimal one
        }

        metrics.InvalidMessage();
        AdapterLog.InvalidMessage(logger, LogText.Clip(message.Topic)!, LogText.Clip(invalid)!);
        CloudEvent? fallback;
        try
        {
            fallback = ev ?? converter.Fallback(message, receivedAt);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AdapterLog.Dropped(logger, "-", "-", LogText.Clip(message.Topic), sink.OriginalString, LogText.Clip($"invalid ({invalid}) and not even a minimal event can be made: {ex.Message}")!);
            return DeliveryOutcomeKind.Dropped;
        }

        return await FailedAsync(fallback, AttemptResult.CannotSend(invalid, 400) with { ErrorBody = Encoding.UTF8.GetBytes(invalid) }, abort).ConfigureAwait(false);
    }

    /// <summary>The sink refused <paramref name="ev"/> for good: dead-letter it, else drop it.</summary>
    private async Task<DeliveryOutcomeKind> FailedAsync(CloudEvent ev, AttemptResult result, CancellationToken abort)
    {
        if (deadLetterSink is not null)
        {
            ev[KnativeErrorAttributes.Destination] = sink;
            ev[KnativeErrorAttributes.Code] = result.StatusCode ?? 0;
            ev[KnativeErrorAttributes.Data] = result.ErrorBody.IsEmpty ? Encoding.UTF8.GetBytes(result.Error ?? string.Empty) : result.ErrorBody.ToArray();
            var dead = await SendAsync(deadLetterSink, ev, abort).ConfigureAwait(false);
            if (dead.IsSuccess)
            {
                AdapterLog.DeadLettered(logger, LogText.Clip(ev.Id)!, ev.Type!, LogText.Clip(ev.Subject), sink.OriginalString, LogText.Clip(result.ToString())!, deadLetterSink.OriginalString);
                return DeliveryOutcomeKind.DeadLettered;
            }

            result = dead;
        }

        AdapterLog.Dropped(logger, LogText.Clip(ev.Id)!, ev.Type!, LogText.Clip(ev.Subject), sink.OriginalString, LogText.Clip(result.ToString())!);
        return DeliveryOutcomeKind.Dropped;
    }

    private ValueTask<AttemptResult> SendAsync(Uri target, CloudEvent ev, CancellationToken abort) =>
        policy.ExecuteAsync(static (s, ct) => s.Sender.SendAsync(s.Target, s.Event, ct), (Sender: sender, Target: target, Event: ev), ev.Id!, abort);
}
