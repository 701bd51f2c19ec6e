namespace MqttSource.Apis.Settings;

/// <summary>Forwarding of messages that already are CloudEvents (<c>spec.event.passthrough</c>).</summary>
public enum PassthroughMode
{
    /// <summary><c>auto</c> (default): forward them unchanged except ceOverrides.</summary>
    Auto,

    /// <summary><c>never</c>: wrap every message.</summary>
    Never,
}
