using FsCheck;
using FsCheck.Fluent;
using MqttSource.Apis.Durations;
using Xunit;

namespace MqttSource.Apis.Tests.Durations;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT0.2S", 2 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("PT0,2S", 2 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("PT30S", 30 * TimeSpan.TicksPerSecond)]
    [InlineData("PT1M", TimeSpan.TicksPerMinute)]
    [InlineData("PT1H", TimeSpan.TicksPerHour)]
    [InlineData("P1D", TimeSpan.TicksPerDay)]
    [InlineData("P2W", 14 * TimeSpan.TicksPerDay)]
    [InlineData("P1DT12H", 36 * TimeSpan.TicksPerHour)]
    [InlineData("PT1H30M15S", TimeSpan.TicksPerHour + 30 * TimeSpan.TicksPerMinute + 15 * TimeSpan.TicksPerSecond)]
    [InlineData("PT1.5M", 90 * TimeSpan.TicksPerSecond)]
    [InlineData("PT0S", 0L)]
    [InlineData("PT0.0000001S", 1L)]
    [InlineData("PT90S", 90 * TimeSpan.TicksPerSecond)]
    public void TryParse_ValidText_GivesDuration(string text, long ticks)
    {
        Assert.True(IsoDuration.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromTicks(ticks), value);
    }

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("", "must not be empty")]
    [InlineData("P", "expected an ISO-8601 duration")]
    [InlineData("PT", "expected an ISO-8601 duration")]
    [InlineData("P1DT", "expected an ISO-8601 duration")]
    [InlineData("30s", "expected an ISO-8601 duration")]
    [InlineData("pt30s", "expected an ISO-8601 duration")]
    [InlineData("-PT1S", "expected an ISO-8601 duration")]
    [InlineData("PT1S1M", "expected an ISO-8601 duration")]
    [InlineData("PT1M1M", "expected an ISO-8601 duration")]
    [InlineData("P1H", "expected an ISO-8601 duration")]
    [InlineData("PT1D", "expected an ISO-8601 duration")]
    [InlineData("PTS", "expected an ISO-8601 duration")]
    [InlineData("PT.S", "expected an ISO-8601 duration")]
    [InlineData("PT1", "expected an ISO-8601 duration")]
    [InlineData("PT1.5M2S", "only the last part may have a fraction")]
    [InlineData("P1Y", "years and months have no fixed length")]
    [InlineData("P1M", "years and months have no fixed length")]
    [InlineData("P99999999999D", "too large")]
    public void TryParse_InvalidText_SaysWhy(string? text, string reason)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidText_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => IsoDuration.Parse("30s"));
    }

    [Theory]
    [InlineData(0L, "PT0S")]
    [InlineData(2 * TimeSpan.TicksPerSecond / 10, "PT0.2S")]
    [InlineData(30 * TimeSpan.TicksPerSecond, "PT30S")]
    [InlineData(TimeSpan.TicksPerMinute, "PT1M")]
    [InlineData(TimeSpan.TicksPerDay, "P1D")]
    [InlineData(TimeSpan.TicksPerDay + TimeSpan.TicksPerHour + 90 * TimeSpan.TicksPerSecond, "P1DT1H1M30S")]
    public void Format_Duration_IsIsoSyntax(long ticks, string text)
    {
        Assert.Equal(text, IsoDuration.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Format_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoDuration.Format(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Format_AnyDuration_ParsesBack()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), ticks =>
        {
            var value = TimeSpan.FromTicks(Math.Abs(ticks % (TimeSpan.MaxValue.Ticks / 2)));
            return IsoDuration.Parse(IsoDuration.Format(value)) == value;
        }).QuickCheckThrowOnFailure();
    }
}
