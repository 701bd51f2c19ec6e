namespace MqttSource.Apis.Status;

/// <summary>Reasons this library sets; the controller adds its own.</summary>
public static class ConditionReasons
{
    /// <summary><c>Valid=False</c>: the spec broke at least one rule.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>A dependent condition has not been reported yet.</summary>
    public const string Initializing = "Initializing";
}
