using System.Text.RegularExpressions;

namespace MqttSource.CloudEvents.Json;

/// <summary>Turns the SDK's exception messages into one sentence for the sender of an invalid event.</summary>
public static partial class ErrorText
{
    /// <summary>
    /// The message of an exception without the " (Parameter 'x')" parts that <see cref="ArgumentException"/> adds (the
    /// SDK nests them; a trimmed app with system resource keys writes " Arg_ParamName_Name, x"), on one line.
    /// </summary>
    /// <param name="exception">The exception.</param>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return ParameterSuffix().Replace(exception.Message, string.Empty).ReplaceLineEndings(" ").Trim();
    }

    /// <summary>"Invalid CloudEvent: " and the description, unless the message already says so.</summary>
    /// <param name="exception">The exception.</param>
    public static string InvalidCloudEvent(Exception exception)
    {
        var text = Describe(exception);
        return text.StartsWith("Invalid CloudEvent", StringComparison.Ordinal) ? text : "Invalid CloudEvent: " + text;
    }

    /// <summary>Whether an exception from the SDK's decoding means bad input (rather than a bug or a cancellation).</summary>
    /// <param name="exception">The exception.</param>
    public static bool IsInvalidInput(Exception exception) =>
        exception is ArgumentException or FormatException or System.Text.Json.JsonException or OverflowException
            or (InvalidOperationException and not ObjectDisposedException);

    [GeneratedRegex(@" \(Parameter '[^']*'\)| Arg_ParamName_Name, [A-Za-z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterSuffix();
}
