using System.Text;
using Xunit;

namespace MqttSource.CloudEvents.Json.Tests;

public sealed class CloudEventDataTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON; charset=utf-8", true)]
    [InlineData("text/json", true)]
    [InlineData("application/vnd.api+json", true)]
    [InlineData("application/cloudevents+json", true)]
    [InlineData("application/jsonx", false)]
    [InlineData("json", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/octet-stream", false)]
    public void IsJsonMediaType_ContentType_MatchesJsonFamily(string? contentType, bool expected) =>
        Assert.Equal(expected, CloudEventData.IsJsonMediaType(contentType));

    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("TEXT/CSV; charset=utf-8", true)]
    [InlineData("application/xml", true)]
    [InlineData("application/atom+xml", true)]
    [InlineData("application/json", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData(null, false)]
    public void IsTextMediaType_ContentType_MatchesTextFamily(string? contentType, bool expected) =>
        Assert.Equal(expected, CloudEventData.IsTextMediaType(contentType));

    [Theory]
    [InlineData("{\"a\":[1,2]}", "application/json")]
    [InlineData(" 12345678901234567890 ", "application/json")]
    [InlineData("\"text\"", "application/json")]
    [InlineData("{\"a\":", "application/octet-stream")]
    [InlineData("plain text", "application/octet-stream")]
    [InlineData("", "application/octet-stream")]
    public void InferContentType_Bytes_JsonOnlyForOneCompleteJsonValue(string text, string expected) =>
        Assert.Equal(expected, CloudEventData.InferContentType(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void InferContentType_InvalidUtf8OrTooDeep_OctetStream()
    {
        Assert.Equal("application/octet-stream", CloudEventData.InferContentType([(byte)'"', 0xC3, 0x28, (byte)'"']));
        var deep = Encoding.UTF8.GetBytes(new string('[', CloudEventData.MaxJsonDepth + 1) + new string(']', CloudEventData.MaxJsonDepth + 1));
        Assert.Equal("application/octet-stream", CloudEventData.InferContentType(deep));
    }

    [Fact]
    public void ToArray_WholeArray_SameArrayElseCopy()
    {
        var array = new byte[] { 1, 2, 3 };

        Assert.Same(array, CloudEventData.ToArray(array));
        Assert.Equal(new byte[] { 2, 3 }, CloudEventData.ToArray(array.AsMemory(1)));
    }

    [Fact]
    public void Describe_ArgumentExceptionFromTheSdk_OneLineWithoutParameterNames()
    {
        var nested = new ArgumentException("Value for attribute 'id' is invalid: Value must be non-empty (Parameter 'value')", "element");

        Assert.Equal("Value for attribute 'id' is invalid: Value must be non-empty", ErrorText.Describe(nested));
        Assert.Equal("Invalid CloudEvent: a b", ErrorText.InvalidCloudEvent(new FormatException("a\nb Arg_ParamName_Name, element")));
        Assert.Equal("Invalid CloudEvent: x", ErrorText.InvalidCloudEvent(new InvalidCloudEventException("Invalid CloudEvent: x")));
    }
}
