namespace MqttSource.Mqtt;

/// <summary>An MQTT 5 user property: a UTF-8 name/value pair; names may repeat.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Value">The property value.</param>
public sealed record MqttUserProperty(string Name, string Value);
