namespace MqttSource.Apis.Settings;

/// <summary>CloudEvents HTTP content mode (<c>spec.event.contentMode</c>).</summary>
public enum EventContentMode
{
    /// <summary><c>binary</c> (default): <c>ce-</c> headers and the raw payload.</summary>
    Binary,

    /// <summary><c>structured</c>: <c>application/cloudevents+json</c>.</summary>
    Structured,
}
