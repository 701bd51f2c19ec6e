using System.Globalization;
using System.Text;

namespace MqttSource.Apis.Durations;

/// <summary>
/// Go <c>time.ParseDuration</c> syntax, used by <c>keepAlive</c> and <c>session.expiry</c>: an optional sign and
/// one or more decimal numbers with a unit, e.g. <c>30s</c>, <c>1h</c>, <c>1m30s</c>, <c>250ms</c>, <c>1.5h</c>.
/// Units: <c>ns</c>, <c>us</c> (<c>µs</c>), <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>. <c>0</c> alone is zero.
/// Precision is that of <see cref="TimeSpan"/> (100 ns); finer parts are truncated.
/// </summary>
public static class GoDuration
{
    private const string Expected = "expected a Go duration such as 30s, 1m30s, 250ms or 1.5h (units ns, us, ms, s, m, h)";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        if (!DurationText.Begin(text, Expected, out value, out error))
        {
            return false;
        }

        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            error = DurationText.Fail(text, Expected);
            return false;
        }

        decimal ticks = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            var digits = 0;
            var dots = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                if (s[numberLength] == '.')
                {
                    dots++;
                }
                else
                {
                    digits++;
                }

                numberLength++;
            }

            if (digits == 0 || dots > 1)
            {
                error = DurationText.Fail(text, Expected);
                return false;
            }

            var unitLength = numberLength;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            var unit = s[numberLength..unitLength];
            var unitTicks = UnitTicks(unit);
            if (unitTicks is null)
            {
                error = unit.IsEmpty
                    ? DurationText.Fail(text, "missing unit; " + Expected)
                    : DurationText.Fail(text, "unknown unit \"" + unit.ToString() + "\"; " + Expected);
                return false;
            }

            if (!decimal.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = DurationText.Fail(text, Expected);
                return false;
            }

            ticks += number * unitTicks.Value;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                error = DurationText.Fail(text, "too large");
                return false;
            }

            s = s[unitLength..];
        }

        var whole = (long)decimal.Truncate(ticks);
        value = TimeSpan.FromTicks(negative ? -whole : whole);
        return true;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not a Go duration.</exception>
    public static TimeSpan Parse(string text) =>
        DurationText.Parse(text, TryParse);

    /// <summary>Formats like Go but without zero parts: <c>1h</c>, <c>1m30s</c>, <c>250ms</c>, <c>1.5s</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            sb.Append('-');
            value = value == TimeSpan.MinValue ? TimeSpan.MaxValue : value.Negate();
        }

        if (value < TimeSpan.FromSeconds(1) && value.Ticks % TimeSpan.TicksPerMillisecond == 0)
        {
            return sb.Append(value.Ticks / TimeSpan.TicksPerMillisecond).Append("ms").ToString();
        }

        var hours = value.Ticks / TimeSpan.TicksPerHour;
        var minutes = value.Minutes;
        var secondTicks = value.Ticks % TimeSpan.TicksPerMinute;
        var inv = CultureInfo.InvariantCulture;
        if (hours > 0)
        {
            sb.Append(hours.ToString(inv)).Append('h');
        }

        if (minutes > 0)
        {
            sb.Append(minutes.ToString(inv)).Append('m');
        }

        if (secondTicks > 0)
        {
            sb.Append(DurationText.Seconds(secondTicks)).Append('s');
        }

        return sb.ToString();
    }

    private static decimal? UnitTicks(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 0.01m,
        "us" or "\u00b5s" or "\u03bcs" => 10,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        "h" => TimeSpan.TicksPerHour,
        _ => null,
    };
}
