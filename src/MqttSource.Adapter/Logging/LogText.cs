namespace MqttSource.Adapter.Logging;

/// <summary>
/// Values from messages go into log lines clipped: an id, a topic or a subject can be tens of kilobytes (a hostile
/// device), and one message must not flood the log.
/// </summary>
internal static class LogText
{
    /// <summary>The most characters of one value in a log line.</summary>
    public const int Limit = 200;

    /// <summary><paramref name="value"/>, or its start and how long it was.</summary>
    public static string? Clip(string? value) =>
        value is { Length: > Limit } ? string.Concat(value.AsSpan(0, Limit), $"… ({value.Length} characters)") : value;
}
