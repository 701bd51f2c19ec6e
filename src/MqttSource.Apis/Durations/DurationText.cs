using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MqttSource.Apis.Durations;

/// <summary>What the Go and ISO-8601 duration syntaxes share.</summary>
internal static class DurationText
{
    public delegate bool Parser(string? text, out TimeSpan value, out string? error);

    /// <summary>Seconds with up to 7 decimals (100 ns), invariant: <c>0.2</c>, <c>30</c>, <c>1.5</c>.</summary>
    public static string Seconds(long ticks) =>
        (ticks / (decimal)TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="parse"/> and throws its error as a <see cref="FormatException"/>.</summary>
    public static TimeSpan Parse(string text, Parser parse) =>
        parse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Starts a parse: false with an error for null or empty text.</summary>
    public static bool Begin([NotNullWhen(true)] string? text, string expected, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = string.IsNullOrEmpty(text) ? "must not be empty; " + expected : null;
        return error is null;
    }

    /// <summary><c>"text": why</c>.</summary>
    public static string Fail(string text, string why) => "\"" + text + "\": " + why;
}
