namespace MqttSource.Testing.Faults;

/// <summary>How a <see cref="PoisonMessage"/> must end.</summary>
public enum PoisonOutcome
{
    /// <summary>Not a valid CloudEvent: counted in <c>mqttsource_events_invalid_total</c>, or dead-lettered with <c>knativeerror*</c>
    /// extensions when there is a dead-letter sink; never delivered to the sink.</summary>
    Invalid,

    /// <summary>Hostile but valid: delivered to the sink with the payload verbatim.</summary>
    Delivered,

    /// <summary>Any one terminal outcome (delivered, dead-lettered, dropped or invalid), counted; what matters is that it leaves no hole.</summary>
    AnyTerminal,
}
