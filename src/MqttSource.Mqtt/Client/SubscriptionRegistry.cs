using MqttSource.Mqtt.Options;

namespace MqttSource.Mqtt.Client;

/// <summary>The subscriptions a client makes again after every reconnect, in the order they were made.</summary>
internal sealed class SubscriptionRegistry
{
    private readonly Lock _lock = new();
    private readonly List<MqttClientSubscribeOptions> _subscriptions = [];

    public void Add(MqttClientSubscribeOptions options)
    {
        lock (_lock)
        {
            _subscriptions.Add(options);
        }
    }

    /// <summary>Forgets the filters; a subscription left without filters is dropped.</summary>
    public void Remove(IReadOnlyList<string> topicFilters)
    {
        lock (_lock)
        {
            foreach (var s in _subscriptions)
            {
                for (var i = s.TopicFilters.Count - 1; i >= 0; i--)
                {
                    if (topicFilters.Contains(s.TopicFilters[i].Topic))
                    {
                        s.TopicFilters.RemoveAt(i);
                    }
                }
            }

            _subscriptions.RemoveAll(s => s.TopicFilters.Count == 0);
        }
    }

    public List<MqttClientSubscribeOptions> Snapshot()
    {
        lock (_lock)
        {
            return [.. _subscriptions];
        }
    }
}
