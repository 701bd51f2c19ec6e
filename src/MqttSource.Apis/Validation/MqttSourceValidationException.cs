namespace MqttSource.Apis.Validation;

/// <summary>
/// An MqttSource spec or status is not usable: malformed JSON, a value of the wrong kind, or a broken rule.
/// <see cref="Errors"/> lists every problem with its field path.
/// </summary>
public sealed class MqttSourceValidationException : Exception
{
    /// <summary>Creates the exception with no field errors.</summary>
    public MqttSourceValidationException()
        : this("The MqttSource spec is invalid.")
    {
    }

    /// <summary>Creates the exception with a message and no field errors.</summary>
    public MqttSourceValidationException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception with a message, an inner exception and no field errors.</summary>
    public MqttSourceValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception listing <paramref name="errors"/> after <paramref name="summary"/>.</summary>
    public MqttSourceValidationException(string summary, IReadOnlyList<FieldError> errors, Exception? innerException = null)
        : base(errors is null || errors.Count == 0 ? summary : summary + " " + FieldError.Join(errors), innerException)
    {
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception listing <paramref name="errors"/> of a spec that broke the rules.</summary>
    public MqttSourceValidationException(IReadOnlyList<FieldError> errors)
        : this("The MqttSource spec is invalid:", errors)
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}
