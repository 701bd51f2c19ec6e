using System.Globalization;
using System.Text;

namespace MqttSource.Apis.Durations;

/// <summary>
/// ISO-8601 durations as Knative's DeliverySpec uses them (<c>backoffDelay</c>, <c>timeout</c>):
/// <c>P[nW][nD][T[nH][nM][nS]]</c>, e.g. <c>PT0.2S</c>, <c>PT30S</c>, <c>PT1M</c>, <c>P1D</c>, <c>P1DT12H</c>.
/// A fraction (with <c>.</c> or <c>,</c>) is allowed on the last part only. Years and months are refused:
/// they have no fixed length. No sign: a delivery duration is never negative.
/// </summary>
public static class IsoDuration
{
    private const string Expected = "expected an ISO-8601 duration such as PT0.2S, PT30S, PT1M or P1D";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        if (!DurationText.Begin(text, Expected, out value, out error))
        {
            return false;
        }

        if (text[0] != 'P' || text.Length == 1)
        {
            error = DurationText.Fail(text, Expected);
            return false;
        }

        const string dateDesignators = "YMWD";
        const string timeDesignators = "HMS";
        decimal ticks = 0;
        var inTime = false;
        var lastOrder = -1;
        var sawFraction = false;
        var parts = 0;
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime || i == text.Length - 1)
                {
                    error = DurationText.Fail(text, Expected);
                    return false;
                }

                inTime = true;
                lastOrder = -1;
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or ','))
            {
                i++;
            }

            if (i == start || i == text.Length || sawFraction)
            {
                error = DurationText.Fail(text, sawFraction ? "only the last part may have a fraction" : Expected);
                return false;
            }

            var designator = text[i];
            var order = (inTime ? timeDesignators : dateDesignators).IndexOf(designator, StringComparison.Ordinal);
            if (order < 0 || order <= lastOrder)
            {
                error = DurationText.Fail(text, Expected);
                return false;
            }

            if (!inTime && designator is 'Y' or 'M')
            {
                error = DurationText.Fail(text, "years and months have no fixed length; use weeks (W), days (D) or smaller units");
                return false;
            }

            var number = text.AsSpan(start, i - start).ToString().Replace(',', '.');
            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || !number.Any(char.IsAsciiDigit))
            {
                error = DurationText.Fail(text, Expected);
                return false;
            }

            sawFraction = number.Contains('.', StringComparison.Ordinal);
            ticks += amount * (inTime, designator) switch
            {
                (false, 'W') => TimeSpan.TicksPerDay * 7,
                (false, _) => TimeSpan.TicksPerDay,
                (true, 'H') => TimeSpan.TicksPerHour,
                (true, 'M') => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerSecond,
            };
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                error = DurationText.Fail(text, "too large");
                return false;
            }

            lastOrder = order;
            parts++;
            i++;
        }

        if (parts == 0)
        {
            error = DurationText.Fail(text, Expected);
            return false;
        }

        value = TimeSpan.FromTicks((long)decimal.Truncate(ticks));
        return true;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not an ISO-8601 duration we accept.</exception>
    public static TimeSpan Parse(string text) =>
        DurationText.Parse(text, TryParse);

    /// <summary>Formats as <c>P[nD][T[nH][nM][n.nS]]</c>, e.g. <c>PT0.2S</c>, <c>PT1M30S</c>, <c>P1D</c>; zero is <c>PT0S</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative value.</exception>
    public static string Format(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        if (value == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("P");
        if (value.Days > 0)
        {
            sb.Append(value.Days.ToString(inv)).Append('D');
        }

        var secondTicks = value.Ticks % TimeSpan.TicksPerMinute;
        if (value.Hours > 0 || value.Minutes > 0 || secondTicks > 0)
        {
            sb.Append('T');
        }

        if (value.Hours > 0)
        {
            sb.Append(value.Hours.ToString(inv)).Append('H');
        }

        if (value.Minutes > 0)
        {
            sb.Append(value.Minutes.ToString(inv)).Append('M');
        }

        if (secondTicks > 0)
        {
            sb.Append(DurationText.Seconds(secondTicks)).Append('S');
        }

        return sb.ToString();
    }
}
