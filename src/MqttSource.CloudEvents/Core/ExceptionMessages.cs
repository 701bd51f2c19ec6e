namespace MqttSource.CloudEvents.Core;

/// <summary>Turns exceptions into messages for users.</summary>
internal static class ExceptionMessages
{
    /// <summary>An argument exception's message without the " (Parameter 'x')" suffix .NET appends.</summary>
    public static string WithoutParameter(ArgumentException exception)
    {
        var message = exception.Message;
        var suffix = $" (Parameter '{exception.ParamName}')";
        return exception.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal)
            ? message[..^suffix.Length]
            : message;
    }
}
