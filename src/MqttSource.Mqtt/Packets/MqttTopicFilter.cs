namespace MqttSource.Mqtt.Packets;

/// <summary>One topic filter of a SUBSCRIBE with its options (NoLocal, RetainAsPublished, RetainHandling are MQTT 5 only).</summary>
public sealed class MqttTopicFilter
{
    public string Topic { get; set; } = string.Empty;

    public MqttQualityOfServiceLevel QualityOfServiceLevel { get; set; } = MqttQualityOfServiceLevel.AtLeastOnce;

    public bool NoLocal { get; set; }

    public bool RetainAsPublished { get; set; }

    public MqttRetainHandling RetainHandling { get; set; }
}
