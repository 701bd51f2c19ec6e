namespace MqttSource.Mqtt;

/// <summary>MQTT quality of service levels.</summary>
public enum MqttQualityOfServiceLevel : byte
{
    /// <summary>QoS 0: fire and forget.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: acknowledged with PUBACK, may be duplicated.</summary>
    AtLeastOnce = 1,

    /// <summary>QoS 2: PUBREC/PUBREL/PUBCOMP handshake, delivered once.</summary>
    ExactlyOnce = 2,
}
