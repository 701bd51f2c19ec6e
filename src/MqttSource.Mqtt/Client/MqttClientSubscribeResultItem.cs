using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Client;

/// <summary>One filter of a subscribe result.</summary>
/// <param name="TopicFilter">The filter as requested.</param>
/// <param name="ReasonCode">GrantedQoS0..2 or a failure code (≥ 0x80).</param>
public sealed record MqttClientSubscribeResultItem(MqttTopicFilter TopicFilter, MqttReasonCode ReasonCode);
