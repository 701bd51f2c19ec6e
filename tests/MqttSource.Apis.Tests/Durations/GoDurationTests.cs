using FsCheck;
using FsCheck.Fluent;
using MqttSource.Apis.Durations;
using Xunit;

namespace MqttSource.Apis.Tests.Durations;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("30s", 30 * TimeSpan.TicksPerSecond)]
    [InlineData("1h", TimeSpan.TicksPerHour)]
    [InlineData("1m30s", 90 * TimeSpan.TicksPerSecond)]
    [InlineData("250ms", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1.5h", 90 * TimeSpan.TicksPerMinute)]
    [InlineData("1h2m3s4ms", TimeSpan.TicksPerHour + 2 * TimeSpan.TicksPerMinute + 3 * TimeSpan.TicksPerSecond + 4 * TimeSpan.TicksPerMillisecond)]
    [InlineData("2s1h", TimeSpan.TicksPerHour + 2 * TimeSpan.TicksPerSecond)]
    [InlineData("0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("+5s", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("-5s", -5 * TimeSpan.TicksPerSecond)]
    [InlineData(".5s", 5 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("5.s", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("10us", 100L)]
    [InlineData("10µs", 100L)]
    [InlineData("10μs", 100L)]
    [InlineData("1500ns", 15L)]
    [InlineData("99ns", 0L)]
    [InlineData("4294967295s", 4294967295L * TimeSpan.TicksPerSecond)]
    public void TryParse_ValidText_GivesDuration(string text, long ticks)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromTicks(ticks), value);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("", "must not be empty")]
    [InlineData("30", "missing unit")]
    [InlineData("5", "missing unit")]
    [InlineData("1d", "unknown unit \"d\"")]
    [InlineData("1 h", "unknown unit \" h\"")]
    [InlineData("PT30S", "expected a Go duration")]
    [InlineData("h", "expected a Go duration")]
    [InlineData("-", "expected a Go duration")]
    [InlineData(".s", "expected a Go duration")]
    [InlineData("1.2.3s", "expected a Go duration")]
    [InlineData("1s ", "unknown unit \"s \"")]
    [InlineData("99999999999999h", "too large")]
    public void TryParse_InvalidText_SaysWhy(string? text, string reason)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidText_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatException>(() => GoDuration.Parse("30"));

        Assert.StartsWith("\"30\": missing unit", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(30 * TimeSpan.TicksPerSecond, "30s")]
    [InlineData(TimeSpan.TicksPerHour, "1h")]
    [InlineData(90 * TimeSpan.TicksPerSecond, "1m30s")]
    [InlineData(250 * TimeSpan.TicksPerMillisecond, "250ms")]
    [InlineData(90 * TimeSpan.TicksPerMinute, "1h30m")]
    [InlineData(25 * TimeSpan.TicksPerHour, "25h")]
    [InlineData(15 * TimeSpan.TicksPerSecond / 10, "1.5s")]
    [InlineData(15L, "0.0000015s")]
    [InlineData(-5 * TimeSpan.TicksPerSecond, "-5s")]
    public void Format_Duration_IsCompactGoSyntax(long ticks, string text)
    {
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Format_AnyDuration_ParsesBack()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), ticks =>
        {
            var value = TimeSpan.FromTicks(ticks % (TimeSpan.MaxValue.Ticks / 2));
            return GoDuration.Parse(GoDuration.Format(value)) == value;
        }).QuickCheckThrowOnFailure();
    }
}
