namespace MqttSource.Apis.Status;

/// <summary>The values of <see cref="Condition.Severity"/> (Knative); absent means error.</summary>
public static class ConditionSeverity
{
    /// <summary>A problem that does not affect readiness.</summary>
    public const string Warning = "Warning";

    /// <summary>Information only.</summary>
    public const string Info = "Info";
}
