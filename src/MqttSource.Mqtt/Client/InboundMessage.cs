namespace MqttSource.Mqtt.Client;

/// <summary>A received PUBLISH waiting for the application, with the connection it came on.</summary>
/// <param name="Args">What the handler gets.</param>
/// <param name="Budget">The place it holds in its connection's budget (QoS 1/2), or null (QoS 0).</param>
/// <param name="Generation">The number of the connection it came on (1, 2, ... per client).</param>
/// <param name="AbortConnection">Ends that connection without DISCONNECT (the broker then redelivers what was not acknowledged).</param>
/// <param name="ArrivedAt">When it arrived (a <see cref="TimeProvider"/> timestamp).</param>
internal sealed record InboundMessage(
    MqttApplicationMessageReceivedEventArgs Args,
    InboundBudget? Budget,
    int Generation,
    Action<string> AbortConnection,
    long ArrivedAt);
