using Microsoft.Extensions.Logging;

namespace MqttSource.Controller.Machinery;

/// <summary>Source-generated log messages of the informers and the leader election (event ids 1100–1199).</summary>
internal static partial class MachineryLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "The {Resource} watch stream failed ({Reason}); relisting")]
    public static partial void WatchStreamFailed(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "The {Resource} watch was interrupted ({Reason}); watching again from the last resourceVersion")]
    public static partial void WatchInterrupted(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Informer for {Resource} listed {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void InformerListed(ILogger logger, string resource, int count, string resourceVersion);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Informer for {Resource}: resourceVersion expired (410), relisting")]
    public static partial void InformerExpired(ILogger logger, string resource);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Informer for {Resource} failed; retrying in {Delay}")]
    public static partial void InformerFailed(ILogger logger, Exception exception, string resource, TimeSpan delay);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Error, Message = "An informer handler for {Resource} threw")]
    public static partial void InformerHandlerFailed(ILogger logger, Exception exception, string resource);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "Leader election: {Identity} became leader of lease {Namespace}/{Name}")]
    public static partial void BecameLeader(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "Leader election: {Identity} lost lease {Namespace}/{Name}")]
    public static partial void LostLeadership(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Debug, Message = "Leader election: attempt on lease {Namespace}/{Name} failed")]
    public static partial void LeaseAttemptFailed(ILogger logger, Exception exception, string @namespace, string name);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Information, Message = "Leader election: lease {Namespace}/{Name} is held by {Holder}")]
    public static partial void NewLeaderObserved(ILogger logger, string @namespace, string name, string holder);

    [LoggerMessage(EventId = 1124, Level = LogLevel.Information, Message = "Leader election: {Identity} released lease {Namespace}/{Name}")]
    public static partial void Released(ILogger logger, string identity, string @namespace, string name);
}
