namespace MqttSource.Mqtt.Client;

/// <summary>Raised when a connection ends or a connect attempt fails.</summary>
public sealed class MqttClientDisconnectedEventArgs(bool clientWasConnected, string reason, MqttReasonCode? reasonCode, Exception? exception) : EventArgs
{
    /// <summary>False when this reports a failed connect attempt.</summary>
    public bool ClientWasConnected { get; } = clientWasConnected;

    /// <summary>Why, in words.</summary>
    public string Reason { get; } = reason;

    /// <summary>The broker's DISCONNECT / CONNACK reason code, or null.</summary>
    public MqttReasonCode? ReasonCode { get; } = reasonCode;

    public Exception? Exception { get; } = exception;
}
