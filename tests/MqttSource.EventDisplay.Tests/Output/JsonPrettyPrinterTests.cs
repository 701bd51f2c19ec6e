using System.Text;
using MqttSource.EventDisplay.Output;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Output;

public sealed class JsonPrettyPrinterTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("\"s\"", "\"s\"")]
    [InlineData("{}", "{}")]
    [InlineData("[]", "[]")]
    [InlineData("[1]", "[\n>  1\n>]")]
    [InlineData("{\"a\":{\"b\":[]}}", "{\n>  \"a\": {\n>    \"b\": []\n>  }\n>}")]
    [InlineData(" { \"a\" : 1 , \"b\" : [ true , null ] } ", "{\n>  \"a\": 1,\n>  \"b\": [\n>    true,\n>    null\n>  ]\n>}")]
    public void TryAppend_ValidJson_IndentsLikeGo(string json, string expected) =>
        Assert.Equal(expected, Pretty(json));

    [Fact]
    public void TryAppend_KeepsEscapesAndNumbersAsWritten() =>
        Assert.Equal("{\n>  \"k\\u00e9\": \"a\\n\\\"b\\\"\",\n>  \"n\": 1.50e+10\n>}", Pretty("{\"k\\u00e9\":\"a\\n\\\"b\\\"\",\"n\":1.50e+10}"));

    [Fact]
    public void TryAppend_RawControlCharacterInsideString_IsEscaped() =>
        Assert.Equal("\"a\\u009bb\"", Pretty("\"a\u009bb\""));

    [Theory]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("1 2")]
    [InlineData("")]
    public void TryAppend_InvalidJson_ReturnsFalseAndAppendsNothing(string json)
    {
        var builder = new StringBuilder("keep");

        Assert.False(JsonPrettyPrinter.TryAppend(builder, Encoding.UTF8.GetBytes(json), ">"));
        Assert.Equal("keep", builder.ToString());
    }

    [Fact]
    public void TryAppend_DeeperThanMaxDepth_ReturnsFalse()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        Assert.False(JsonPrettyPrinter.TryAppend(new StringBuilder(), Encoding.UTF8.GetBytes(json), ""));
    }

    private static string Pretty(string json)
    {
        var builder = new StringBuilder();
        Assert.True(JsonPrettyPrinter.TryAppend(builder, Encoding.UTF8.GetBytes(json), ">"));
        return builder.ToString();
    }
}
