namespace MqttSource.Apis.Status;

/// <summary>The values of <see cref="Condition.Status"/>.</summary>
public static class ConditionStatus
{
    /// <summary>The condition holds.</summary>
    public const string True = "True";

    /// <summary>The condition does not hold.</summary>
    public const string False = "False";

    /// <summary>Not known yet.</summary>
    public const string Unknown = "Unknown";
}
