namespace MqttSource.Mqtt.Client;

/// <summary>Raised after CONNACK and after the remembered subscriptions were made again.</summary>
public sealed class MqttClientConnectedEventArgs(MqttClientConnectResult connectResult, IReadOnlyList<MqttClientSubscribeResult> subscribeResults) : EventArgs
{
    public MqttClientConnectResult ConnectResult { get; } = connectResult;

    /// <summary>The results of re-subscribing (one per remembered SubscribeAsync call).</summary>
    public IReadOnlyList<MqttClientSubscribeResult> SubscribeResults { get; } = subscribeResults;
}
