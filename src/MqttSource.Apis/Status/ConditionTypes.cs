namespace MqttSource.Apis.Status;

/// <summary>The condition types of an MqttSource.</summary>
public static class ConditionTypes
{
    /// <summary>Valid ∧ SinkProvided ∧ Deployed.</summary>
    public const string Ready = "Ready";

    /// <summary>The spec passed validation.</summary>
    public const string Valid = "Valid";

    /// <summary>The sink resolved to a URI.</summary>
    public const string SinkProvided = "SinkProvided";

    /// <summary>The adapter StatefulSet is available.</summary>
    public const string Deployed = "Deployed";
}
