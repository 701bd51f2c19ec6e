using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Options;

/// <summary>Fluent builder for <see cref="MqttClientSubscribeOptions"/>.</summary>
public sealed class MqttClientSubscribeOptionsBuilder
{
    private readonly MqttClientSubscribeOptions _options = new();

    /// <summary>Adds a filter.</summary>
    public MqttClientSubscribeOptionsBuilder WithTopicFilter(
        string topic,
        MqttQualityOfServiceLevel qualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        bool noLocal = false,
        bool retainAsPublished = false,
        MqttRetainHandling retainHandling = MqttRetainHandling.SendAtSubscribe)
    {
        _options.TopicFilters.Add(new MqttTopicFilter
        {
            Topic = topic,
            QualityOfServiceLevel = qualityOfServiceLevel,
            NoLocal = noLocal,
            RetainAsPublished = retainAsPublished,
            RetainHandling = retainHandling,
        });
        return this;
    }

    /// <summary>Adds a shared subscription <c>$share/{group}/{topic}</c>.</summary>
    public MqttClientSubscribeOptionsBuilder WithSharedTopicFilter(string group, string topic, MqttQualityOfServiceLevel qualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce)
        => WithTopicFilter($"$share/{group}/{topic}", qualityOfServiceLevel);

    /// <summary>Sets the MQTT 5 subscription identifier.</summary>
    public MqttClientSubscribeOptionsBuilder WithSubscriptionIdentifier(uint identifier)
    {
        _options.SubscriptionIdentifier = identifier;
        return this;
    }

    /// <summary>Returns the options; throws when no filter was added or a filter is invalid.</summary>
    public MqttClientSubscribeOptions Build()
    {
        if (_options.TopicFilters.Count == 0)
        {
            throw new ArgumentException("A subscription needs at least one topic filter.");
        }

        var errors = new List<string>();
        foreach (var f in _options.TopicFilters)
        {
            if (MqttTopicValidator.ValidateFilter(f.Topic) is { } error)
            {
                errors.Add($"topic filter '{f.Topic}': {error}");
            }
        }

        return errors.Count == 0 ? _options : throw new ArgumentException(string.Join("; ", errors));
    }
}
