using MqttSource.CloudEvents.Http;
using Xunit;

namespace MqttSource.CloudEvents.Tests.Http;

public sealed class HttpHeaderValueEncodingTests
{
    public static TheoryData<string, string> Encodings => new()
    {
        { "plain-value_1.2~!#$&'()*+,/:;<=>?@[\\]^`{|}", "plain-value_1.2~!#$&'()*+,/:;<=>?@[\\]^`{|}" },
        { "a b", "a%20b" },
        { "say \"hi\"", "say%20%22hi%22" },
        { "100%", "100%25" },
        { "é", "%C3%A9" },
        { "€", "%E2%82%AC" },
        { "😀", "%F0%9F%98%80" },
        { "Euro € 😀!", "Euro%20%E2%82%AC%20%F0%9F%98%80!" },
        { "\u007F", "%7F" },
        { "\u0080", "%C2%80" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encode_Value_PercentEncodesExactlyTheSpecSet(string value, string expected) =>
        Assert.Equal(expected, HttpHeaderValueEncoding.Encode(value));

    [Theory]
    [MemberData(nameof(Encodings))]
    public void TryDecode_EncodedValue_RestoresOriginal(string expected, string encoded)
    {
        Assert.True(HttpHeaderValueEncoding.TryDecode(encoded, out var decoded, out var error), error);
        Assert.Equal(expected, decoded);
    }

    [Fact]
    public void Encode_NothingToEncode_ReturnsSameInstance()
    {
        var value = "no-encoding-needed";
        Assert.Same(value, HttpHeaderValueEncoding.Encode(value));
    }

    [Theory]
    [InlineData("%c3%a9", "é")]
    [InlineData("%C3%a9", "é")]
    [InlineData("%f0%9f%98%80", "😀")]
    [InlineData("a b", "a b")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    [InlineData("%41%42", "AB")]
    public void TryDecode_LowerCaseHexAndTolerableRawCharacters_Decodes(string encoded, string expected)
    {
        Assert.True(HttpHeaderValueEncoding.TryDecode(encoded, out var decoded, out _));
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData("%", "invalid percent-escape")]
    [InlineData("abc%4", "invalid percent-escape")]
    [InlineData("%zz", "invalid percent-escape")]
    [InlineData("%%41", "invalid percent-escape")]
    [InlineData("%C3", "not valid UTF-8")]
    [InlineData("%C3%28", "not valid UTF-8")]
    [InlineData("%FF", "not valid UTF-8")]
    [InlineData("%ED%A0%80", "not valid UTF-8")]
    [InlineData("%C0%AF", "not valid UTF-8")]
    [InlineData("é", "must be percent-encoded")]
    [InlineData("a\tb", "must be percent-encoded")]
    public void TryDecode_BadEscapeOrInvalidUtf8_Fails(string encoded, string expected)
    {
        Assert.False(HttpHeaderValueEncoding.TryDecode(encoded, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
