namespace MqttSource.Apis.Settings;

/// <summary>MQTT protocol version (<c>spec.broker.protocolVersion</c>).</summary>
public enum BrokerProtocolVersion
{
    /// <summary><c>"3.1.1"</c>.</summary>
    V311,

    /// <summary><c>"5"</c> (default).</summary>
    V5,
}
