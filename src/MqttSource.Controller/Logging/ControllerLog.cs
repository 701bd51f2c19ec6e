using Microsoft.Extensions.Logging;

namespace MqttSource.Controller.Logging;

/// <summary>Source-generated log messages of the controller (stable event ids 1000–1099).</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Controller starting: adapter image {Image}, {Workers} workers, lease {SystemNamespace}/{LeaseName} as {Identity}")]
    public static partial void Starting(ILogger logger, string image, int workers, string systemNamespace, string leaseName, string identity);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Caches synced; reconciling with {Workers} workers")]
    public static partial void Synced(ILogger logger, int workers);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Reconciled {Key} in {Milliseconds} ms (requeue: {Requeue})")]
    public static partial void Reconciled(ILogger logger, string key, double milliseconds, bool requeue);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Reconcile of {Key} failed; retrying with backoff")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Created {Kind} {Namespace}/{Name}")]
    public static partial void ChildCreated(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Updated {Kind} {Namespace}/{Name} (it differed from the desired one)")]
    public static partial void ChildUpdated(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Status conflict on {Namespace}/{Name}; re-reading (attempt {Attempt})")]
    public static partial void StatusConflict(ILogger logger, string @namespace, string name, int attempt);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Could not record event {Reason} on {Namespace}/{Name}")]
    public static partial void EventFailed(ILogger logger, Exception exception, string reason, string @namespace, string name);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "{Namespace}/{Name}: {Condition} is {Status}: {Reason}: {Message}")]
    public static partial void ConditionChanged(ILogger logger, string @namespace, string name, string condition, string status, string? reason, string? message);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Leading as {Identity}: starting informers and workers")]
    public static partial void Leading(ILogger logger, string identity);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Lost leadership as {Identity}; standing by")]
    public static partial void LostLeadership(ILogger logger, string identity);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Configuration problem: {Message}")]
    public static partial void ConfigurationProblem(ILogger logger, string message);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Tracking {Kind} ({ApiVersion}) objects that sources refer to")]
    public static partial void TrackingKind(ILogger logger, string kind, string apiVersion);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Configuration changed ({ConfigMap}); reconciling every source")]
    public static partial void ConfigChanged(ILogger logger, string configMap);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "Controller log level is now {Level}")]
    public static partial void LogLevelChanged(ILogger logger, LogLevel level);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Critical, Message = "Controller stopped by an unexpected error; exiting with 1 so that the pod restarts")]
    public static partial void Crashed(ILogger logger, Exception exception);
}
