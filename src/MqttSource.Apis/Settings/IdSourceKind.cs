namespace MqttSource.Apis.Settings;

/// <summary>Where a wrapped event takes its id from.</summary>
public enum IdSourceKind
{
    /// <summary><c>userProperty:&lt;name&gt;</c>: an MQTT 5 user property.</summary>
    UserProperty,

    /// <summary><c>json:&lt;pointer&gt;</c>: a value in the JSON payload.</summary>
    JsonPointer,
}
