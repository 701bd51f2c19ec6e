using MqttSource.Mqtt.Client;

namespace MqttSource.Adapter.Pipeline;

/// <summary>One received message on its way to the sink.</summary>
internal sealed class WorkItem(MqttApplicationMessageReceivedEventArgs received, DateTimeOffset receivedAt, long startTimestamp)
{
    public MqttApplicationMessageReceivedEventArgs Received { get; } = received;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public long StartTimestamp { get; } = startTimestamp;

    public string Topic => Received.ApplicationMessage.Topic;
}
