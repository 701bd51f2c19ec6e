namespace MqttSource.Mqtt.Client;

/// <summary>A received PUBLISH waiting for the application, with the connection it came on.</summary>
/// <param name="Args">What the handler gets.</param>
/// <param name="Cost">Its charge on the <see cref="InboundBudget"/>, given back when the handler takes it.</param>
/// <param name="Generation">The number of the connection it came on (1, 2, ... per client).</param>
/// <param name="AbortConnection">Ends that connection without DISCONNECT (the broker then redelivers what was not acknowledged).</param>
/// <param name="ArrivedAt">When it arrived (a <see cref="TimeProvider"/> timestamp).</param>
internal sealed record InboundMessage(
    MqttApplicationMessageReceivedEventArgs Args,
    long Cost,
    int Generation,
    Action<string> AbortConnection,
    long ArrivedAt)
{
    /// <summary>QoS 0: nothing to acknowledge, nothing redelivered.</summary>
    public bool AtMostOnce => Args.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce;
}
