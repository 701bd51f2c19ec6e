
namespace MqttSource.CloudEvents.Core;

/// <summary>RFC 3339 timestamps (the CloudEvents Timestamp type): strict parsing and canonical formatting.</summary>
internal static class Rfc3339
{
    /// <summary>The longest formatted timestamp: yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm.</summary>
    public const int MaxLength = 33;

    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    public static string Format(DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..Format(value, buffer)]);
    }

    /// <summary>Formats as yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm); the fraction keeps every non-zero digit.</summary>
    public static int Format(DateTimeOffset value, Span<char> destination)
    {
        var dateTime = value.DateTime;
        Write4(destination, dateTime.Year);
        destination[4] = '-';
        Write2(destination[5..], dateTime.Month);
        destination[7] = '-';
        Write2(destination[8..], dateTime.Day);
        destination[10] = 'T';
        Write2(destination[11..], dateTime.Hour);
        destination[13] = ':';
        Write2(destination[14..], dateTime.Minute);
        destination[16] = ':';
        Write2(destination[17..], dateTime.Second);
        var length = 19;
        var fraction = (int)(dateTime.Ticks % TicksPerSecond);
        if (fraction != 0)
        {
            destination[length++] = '.';
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            for (var i = digits; i > 0; i--)
            {
                destination[length + i - 1] = (char)('0' + (fraction % 10));
                fraction /= 10;
            }

            length += digits;
        }

        var offsetMinutes = (int)value.Offset.TotalMinutes;
        if (offsetMinutes == 0)
        {
            destination[length++] = 'Z';
            return length;
        }

        destination[length] = offsetMinutes < 0 ? '-' : '+';
        offsetMinutes = Math.Abs(offsetMinutes);
        Write2(destination[(length + 1)..], offsetMinutes / 60);
        destination[length + 3] = ':';
        Write2(destination[(length + 4)..], offsetMinutes % 60);
        return length + 6;
    }

    /// <summary>
    /// Parses date-time = full-date "T" full-time (RFC 3339 §5.6; "T" and "Z" in either case),
    /// with any number of fraction digits (beyond 100 ns they are truncated). Leap seconds are rejected.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20
            || !TryDigits(text[..4], out var year) || text[4] != '-'
            || !TryDigits(text.Slice(5, 2), out var month) || text[7] != '-'
            || !TryDigits(text.Slice(8, 2), out var day) || (text[10] | 0x20) != 't'
            || !TryDigits(text.Slice(11, 2), out var hour) || text[13] != ':'
            || !TryDigits(text.Slice(14, 2), out var minute) || text[16] != ':'
            || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            var start = ++position;
            var scale = TicksPerSecond / 10;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                fractionTicks += (text[position] - '0') * scale;
                scale /= 10;
                position++;
            }

            if (position == start)
            {
                return false;
            }
        }

        var rest = text[position..];
        int offsetMinutes;
        if (rest.Length == 1 && (rest[0] | 0x20) == 'z')
        {
            offsetMinutes = 0;
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':'
            && TryDigits(rest.Slice(1, 2), out var offsetHours) && TryDigits(rest.Slice(4, 2), out var offsetMinute)
            && offsetHours <= 14 && offsetMinute <= 59)
        {
            offsetMinutes = (offsetHours * 60) + offsetMinute;
            offsetMinutes = rest[0] == '-' ? -offsetMinutes : offsetMinutes;
            if (Math.Abs(offsetMinutes) > 14 * 60)
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utcTicks = ticks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static void Write2(Span<char> destination, int value)
    {
        destination[0] = (char)('0' + (value / 10));
        destination[1] = (char)('0' + (value % 10));
    }

    private static void Write4(Span<char> destination, int value)
    {
        Write2(destination, value / 100);
        Write2(destination[2..], value % 100);
    }
}
