using Microsoft.Extensions.Logging;

namespace MqttSource.EventDisplay.Logging;

/// <summary>Source-generated log messages with stable event ids. Logs go to stderr; stdout carries only events.</summary>
internal static partial class EventDisplayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "event-display listening on {Addresses}; keeping the last {History} events; live page at /")]
    public static partial void Listening(ILogger logger, string addresses, int history);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "event-display stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Rejected {Method} {Path} with {StatusCode}: {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Live-page client {ClientId} connected ({Count} connected)")]
    public static partial void StreamClientConnected(ILogger logger, long clientId, int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Live-page client {ClientId} left")]
    public static partial void StreamClientLeft(ILogger logger, long clientId);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Live-page client refused: {Limit} clients already connected (--max-stream-clients)")]
    public static partial void StreamClientRefused(ILogger logger, int limit);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Live-page client {ClientId} reads too slowly: {Dropped} event(s) dropped for it")]
    public static partial void StreamClientDropped(ILogger logger, long clientId, long dropped);

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "Writing events to stdout failed; events are still received and shown on the live page")]
    public static partial void OutputFailed(ILogger logger, Exception exception);
}
