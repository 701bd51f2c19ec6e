namespace MqttSource.Mqtt.Formatting;

/// <summary>Where a property block sits; each property is allowed in some of these only.</summary>
[Flags]
internal enum MqttPropertyContext : ushort
{
    None = 0,
    Connect = 1 << 0,
    ConnAck = 1 << 1,
    Publish = 1 << 2,
    Will = 1 << 3,

    /// <summary>PUBACK, PUBREC, PUBREL and PUBCOMP.</summary>
    PublishAck = 1 << 4,
    Subscribe = 1 << 5,
    SubAck = 1 << 6,
    Unsubscribe = 1 << 7,
    UnsubAck = 1 << 8,
    Disconnect = 1 << 9,
    Auth = 1 << 10,
}
