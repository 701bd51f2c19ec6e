using Microsoft.Extensions.Logging;

namespace MqttSource.Adapter.Logging;

/// <summary>Source-generated log messages with stable event ids.</summary>
internal static partial class AdapterLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Adapter starting: broker {Broker}, {TopicCount} topic filter(s), sink {Sink}, content mode {ContentMode}, client id {ClientId}")]
    public static partial void Starting(ILogger logger, string broker, int topicCount, string sink, string contentMode, string clientId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Connected to the MQTT broker (session present: {SessionPresent}); subscribed to {Filters}")]
    public static partial void Connected(ILogger logger, bool sessionPresent, string filters);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "MQTT connection lost or refused: {Reason}")]
    public static partial void Disconnected(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Subscription to {Filter} refused by the broker: {ReasonCode}")]
    public static partial void SubscriptionRefused(ILogger logger, string filter, string reasonCode);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Topic filters {First} and {Second} overlap: with MQTT 3.1.1 the broker delivers a message matching both twice (MQTT 5 tells the copies apart)")]
    public static partial void OverlappingFilters(ILogger logger, string first, string second);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Delivery of a message from topic {Topic} failed unexpectedly (a bug); it stays un-acknowledged and the MQTT connection is recycled so that the broker redelivers it")]
    public static partial void DeliveryCrashed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 15, Level = LogLevel.Error, Message = "Delivery of a message from topic {Topic} failed unexpectedly (a bug) again, or it is QoS 0: dropped")]
    public static partial void DeliveryCrashedDropped(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Delivery attempt {Attempt} of event {Id} to {Sink} failed ({Outcome}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, int attempt, string id, string sink, string outcome, double delayMs);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Event {Id} (type {Type}, subject {Subject}) was not accepted by {Sink}: {Outcome}; sent to the dead-letter sink {DeadLetterSink}")]
    public static partial void DeadLettered(ILogger logger, string id, string type, string? subject, string sink, string outcome, string deadLetterSink);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "Event {Id} (type {Type}, subject {Subject}) dropped: {Sink} answered {Outcome} and there is no working dead-letter sink")]
    public static partial void Dropped(ILogger logger, string id, string type, string? subject, string sink, string outcome);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "A message on topic {Topic} is invalid and cannot be delivered as it is: {Reason}")]
    public static partial void InvalidMessage(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Shutting down: draining {InFlight} in-flight event(s) within {GraceSeconds} s")]
    public static partial void Draining(ILogger logger, long inFlight, double graceSeconds);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Shutdown grace period over: {Abandoned} event(s) left un-acknowledged; the broker will redeliver them, except {LostQos0} QoS 0 message(s), which are lost")]
    public static partial void Abandoned(ILogger logger, int abandoned, long lostQos0);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Disconnected from the MQTT broker; the session is kept")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "The oldest un-acknowledged message has waited {AgeSeconds} s: the sink is failing ({LastFailure}); {Retrying} event(s) retrying — a sink outage, expected; the broker holds the rest")]
    public static partial void SinkOutage(ILogger logger, double ageSeconds, string lastFailure, int retrying);

    [LoggerMessage(EventId = 24, Level = LogLevel.Error, Message = "No progress without a reason: the oldest un-acknowledged message has waited {AgeSeconds} s while the sink is not failing ({InFlight} in flight, {Waiting} waiting); recycling the MQTT connection so that the broker redelivers")]
    public static partial void Stalled(ILogger logger, double ageSeconds, long inFlight, int waiting);

    [LoggerMessage(EventId = 25, Level = LogLevel.Information, Message = "Progress again: the oldest un-acknowledged message is {AgeSeconds} s old")]
    public static partial void Recovered(ILogger logger, double ageSeconds);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "MQTT session resumed: the broker kept the session of client id {ClientId} and now delivers the messages it queued while the adapter was away")]
    public static partial void SessionResumed(ILogger logger, string clientId);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "New persistent MQTT session for client id {ClientId} (the broker had none stored): from now on it queues QoS 1/2 messages while the adapter is away (MQTT 5 session expiry {ExpirySeconds} s; --session clean for none)")]
    public static partial void SessionStarted(ILogger logger, string clientId, double expirySeconds);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "The broker did not keep the MQTT session of client id {ClientId} across the reconnect: messages published while the adapter was disconnected may be lost (broker restarted without persistence, or the session expired)")]
    public static partial void SessionLost(ILogger logger, string clientId);

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Clean MQTT session for client id {ClientId}: the broker delivers only what is published from now on and keeps nothing after a disconnect")]
    public static partial void SessionClean(ILogger logger, string clientId);

    /// <summary>After each CONNACK: whether the broker resumed a stored session (session present), and what that means.</summary>
    public static void Session(ILogger logger, string clientId, bool persistent, TimeSpan expiry, bool sessionPresent, bool reconnect)
    {
        if (!persistent)
        {
            SessionClean(logger, clientId);
        }
        else if (sessionPresent)
        {
            SessionResumed(logger, clientId);
        }
        else if (reconnect)
        {
            SessionLost(logger, clientId);
        }
        else
        {
            SessionStarted(logger, clientId, expiry.TotalSeconds);
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Could not read the OIDC token file {Path}: {Reason}")]
    public static partial void TokenUnreadable(ILogger logger, string path, string reason);
}
