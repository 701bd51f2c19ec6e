using System.Text;
using MqttSource.EventDisplay.Output;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Output;

public sealed class SafeTextTests
{
    [Theory]
    [InlineData("plain text é ☁️", "plain text é ☁️")]
    [InlineData("a\nb\r\tc", "a\\nb\\r\\tc")]
    [InlineData("\u001b[2J\u0000\u007f\u009b", "\\u001b[2J\\u0000\\u007f\\u009b")]
    [InlineData("x\u202ey\u2066z", "x\\u202ey\\u2066z")]
    public void AppendLine_EscapesEveryControlCharacter(string text, string expected)
    {
        var builder = new StringBuilder();

        SafeText.AppendLine(builder, text);

        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void AppendMultiline_KeepsLineBreaksAndTabsWithPrefix()
    {
        var builder = new StringBuilder();

        SafeText.AppendMultiline(builder, "one\r\ntwo\rthree\n\tfour\u001b", "> ");

        Assert.Equal("one\n> two\n> three\n> \tfour\\u001b", builder.ToString());
    }

    [Fact]
    public void AppendUtf8_LongText_IsDecodedWhole()
    {
        var text = string.Concat(Enumerable.Repeat("héllo ", 200));
        var builder = new StringBuilder();

        SafeText.AppendUtf8(builder, Encoding.UTF8.GetBytes(text), null);

        Assert.Equal(text, builder.ToString());
    }

    [Fact]
    public void ToOneLine_SafeText_ReturnsSameInstance()
    {
        const string Text = "nothing to escape";

        Assert.Same(Text, SafeText.ToOneLine(Text));
        Assert.Equal("a\\nb", SafeText.ToOneLine("a\nb"));
    }
}
