namespace MqttSource.Mqtt.Client;

/// <summary>MQTT 5 topic aliases the broker set on one connection (aliases do not outlive it).</summary>
internal sealed class TopicAliasMap
{
    private readonly Dictionary<ushort, string> _topics = [];

    /// <summary>Records an alias that comes with a topic, or fills in the topic of a message that only has the alias.</summary>
    /// <exception cref="MqttProtocolViolationException">The alias was never set on this connection.</exception>
    public void Resolve(MqttApplicationMessage message)
    {
        if (message.TopicAlias == 0)
        {
            return;
        }

        if (message.Topic.Length > 0)
        {
            _topics[message.TopicAlias] = message.Topic;
        }
        else if (_topics.TryGetValue(message.TopicAlias, out var topic))
        {
            message.Topic = topic;
        }
        else
        {
            throw new MqttProtocolViolationException($"Unknown topic alias {message.TopicAlias}.") { ReasonCode = MqttReasonCode.TopicAliasInvalid };
        }
    }
}
