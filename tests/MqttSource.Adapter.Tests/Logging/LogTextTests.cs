using MqttSource.Adapter.Logging;

namespace MqttSource.Adapter.Tests.Logging;

public sealed class LogTextTests
{
    [Fact]
    public void Clip_ShortValue_Unchanged()
    {
        Assert.Equal("sensors/k1", LogText.Clip("sensors/k1"));
        Assert.Null(LogText.Clip(null));
    }

    [Fact]
    public void Clip_HugeValue_StartAndLength()
    {
        var clipped = LogText.Clip(new string('x', 60_000))!;

        Assert.StartsWith(new string('x', LogText.Limit) + "…", clipped, StringComparison.Ordinal);
        Assert.EndsWith("(60000 characters)", clipped, StringComparison.Ordinal);
        Assert.True(clipped.Length < LogText.Limit + 40);
    }
}
