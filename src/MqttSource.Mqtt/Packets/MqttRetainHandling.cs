namespace MqttSource.Mqtt.Packets;

/// <summary>MQTT 5 subscription option Retain Handling.</summary>
public enum MqttRetainHandling : byte
{
    SendAtSubscribe = 0,
    SendAtSubscribeIfNewSubscriptionOnly = 1,
    DoNotSendOnSubscribe = 2,
}
