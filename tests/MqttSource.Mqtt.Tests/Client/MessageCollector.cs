using System.Collections.Concurrent;
using MqttSource.Mqtt.Client;
using MqttSource.Testing;

namespace MqttSource.Mqtt.Tests.Client;

/// <summary>Collects received messages of a client and waits for counts.</summary>
internal sealed class MessageCollector
{
    private readonly ConcurrentQueue<MqttApplicationMessageReceivedEventArgs> _received = new();

    public MessageCollector(MqttClient client, bool autoAcknowledge = true)
    {
        client.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = autoAcknowledge;
            _received.Enqueue(e);
            return Task.CompletedTask;
        };
    }

    public int Count => _received.Count;

    public List<MqttApplicationMessageReceivedEventArgs> All => [.. _received];

    public List<string> Payloads => [.. _received.Select(e => System.Text.Encoding.UTF8.GetString(e.ApplicationMessage.Payload.Span))];

    public Task WaitForAsync(int count, int seconds = 20) =>
        Eventually.WaitUntilAsync(() => _received.Count >= count, TimeSpan.FromSeconds(seconds), $"{count} messages (got {_received.Count})");

    public void Clear() => _received.Clear();
}
