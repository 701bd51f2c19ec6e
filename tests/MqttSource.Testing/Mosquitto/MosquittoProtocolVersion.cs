namespace MqttSource.Testing.Mosquitto;

/// <summary>The <c>-V</c> argument of mosquitto_pub / mosquitto_sub.</summary>
public enum MosquittoProtocolVersion
{
    /// <summary><c>-V mqttv311</c> (the tools' default).</summary>
    V311,

    /// <summary><c>-V mqttv5</c>: needed for user properties and content type.</summary>
    V5,

    /// <summary><c>-V mqttv31</c>.</summary>
    V31,
}
