using Xunit;

namespace MqttSource.CloudEvents.Tests;

public sealed class CloudEventAttributeTypeTests
{
    public static TheoryData<string, string> ValidTimestamps => new()
    {
        { "2018-04-05T17:31:00Z", "2018-04-05T17:31:00Z" },
        { "2018-04-05t17:31:00z", "2018-04-05T17:31:00Z" },
        { "1985-04-12T23:20:50.52Z", "1985-04-12T23:20:50.52Z" },
        { "1996-12-19T16:39:57-08:00", "1996-12-19T16:39:57-08:00" },
        { "1937-01-01T12:00:27.87+00:20", "1937-01-01T12:00:27.87+00:20" },
        { "2024-02-29T00:00:00.0000001+14:00", "2024-02-29T00:00:00.0000001+14:00" },
        { "2024-01-01T00:00:00.123456789Z", "2024-01-01T00:00:00.1234567Z" },
        { "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00Z" },
        { "2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00Z" },
        { "2024-01-01T00:00:00-00:00", "2024-01-01T00:00:00Z" },
        { "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z" },
        { "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z" },
    };

    [Theory]
    [MemberData(nameof(ValidTimestamps))]
    public void Timestamp_ValidRfc3339_ParsesAndFormatsCanonically(string text, string canonical)
    {
        Assert.True(CloudEventAttributeType.Timestamp.TryParse(text, out var value, out var error), error);
        Assert.Equal(canonical, CloudEventAttributeType.Timestamp.Format(value));
    }

    [Fact]
    public void Timestamp_Offset_IsPreserved()
    {
        Assert.True(CloudEventAttributeType.Timestamp.TryParse("1996-12-19T16:39:57-08:00", out var value, out _));
        var time = (DateTimeOffset)value;
        Assert.Equal(TimeSpan.FromHours(-8), time.Offset);
        Assert.Equal(new DateTimeOffset(1996, 12, 20, 0, 39, 57, TimeSpan.Zero), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2018-04-05")]
    [InlineData("2018-04-05T17:31:00")]
    [InlineData("2018-04-05 17:31:00Z")]
    [InlineData("2018-04-05T17:31Z")]
    [InlineData("2018-13-05T17:31:00Z")]
    [InlineData("2018-02-30T17:31:00Z")]
    [InlineData("2018-04-05T24:00:00Z")]
    [InlineData("2018-04-05T17:60:00Z")]
    [InlineData("1990-12-31T23:59:60Z")]
    [InlineData("2018-04-05T17:31:00.Z")]
    [InlineData("2018-04-05T17:31:00+0200")]
    [InlineData("2018-04-05T17:31:00+15:00")]
    [InlineData("2018-04-05T17:31:00+02:60")]
    [InlineData("2018-04-05T17:31:00ZZ")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("18-04-05T17:31:00Z")]
    [InlineData("２０１８-04-05T17:31:00Z")]
    public void Timestamp_Invalid_Rejected(string text)
    {
        Assert.False(CloudEventAttributeType.Timestamp.TryParse(text, out _, out var error));
        Assert.Contains("RFC 3339", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    [InlineData("007", 7)]
    public void Integer_InRange_Parses(string text, int expected)
    {
        Assert.True(CloudEventAttributeType.Integer.TryParse(text, out var value, out _));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("")]
    [InlineData("0x10")]
    public void Integer_Invalid_Rejected(string text)
    {
        Assert.False(CloudEventAttributeType.Integer.TryParse(text, out _, out var error));
        Assert.Contains("Integer", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(int.MinValue, "-2147483648")]
    [InlineData(int.MaxValue, "2147483647")]
    [InlineData(-1, "-1")]
    public void Integer_Format_IsDecimal(int value, string expected) =>
        Assert.Equal(expected, CloudEventAttributeType.Integer.Format(value));

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Boolean_Canonical_Parses(string text, bool expected)
    {
        Assert.True(CloudEventAttributeType.Boolean.TryParse(text, out var value, out _));
        Assert.Equal(expected, value);
        Assert.Equal(text, CloudEventAttributeType.Boolean.Format(value));
    }

    [Theory]
    [InlineData("True")]
    [InlineData("FALSE")]
    [InlineData("1")]
    [InlineData("")]
    public void Boolean_NonCanonical_Rejected(string text) =>
        Assert.False(CloudEventAttributeType.Boolean.TryParse(text, out _, out _));

    [Theory]
    [InlineData("", new byte[0])]
    [InlineData("AA==", new byte[] { 0 })]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData("/+8=", new byte[] { 0xFF, 0xEF })]
    public void Binary_Base64_RoundTrips(string text, byte[] expected)
    {
        Assert.True(CloudEventAttributeType.Binary.TryParse(text, out var value, out _));
        Assert.Equal(expected, value);
        Assert.Equal(text, CloudEventAttributeType.Binary.Format(value));
    }

    [Theory]
    [InlineData("AQI")]
    [InlineData("not base64!")]
    public void Binary_Invalid_Rejected(string text) =>
        Assert.False(CloudEventAttributeType.Binary.TryParse(text, out _, out _));

    [Theory]
    [InlineData("https://example.com/a?b#c")]
    [InlineData("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66")]
    [InlineData("mqtt://broker:1883")]
    public void Uri_Absolute_Accepted(string text)
    {
        Assert.True(CloudEventAttributeType.Uri.TryParse(text, out var value, out _));
        Assert.Equal(text, CloudEventAttributeType.Uri.Format(value));
    }

    [Theory]
    [InlineData("/relative")]
    [InlineData("relative/path")]
    [InlineData("")]
    [InlineData("1abc:x")]
    public void Uri_NotAbsolute_Rejected(string text) =>
        Assert.False(CloudEventAttributeType.Uri.TryParse(text, out _, out _));

    [Theory]
    [InlineData("/apis/v1/namespaces/default/mqttsources/demo")]
    [InlineData("relative")]
    [InlineData("https://example.com")]
    [InlineData("#fragment")]
    public void UriReference_AbsoluteOrRelative_KeepsOriginalText(string text)
    {
        Assert.True(CloudEventAttributeType.UriReference.TryParse(text, out var value, out _));
        Assert.Equal(text, CloudEventAttributeType.UriReference.Format(value));
    }

    [Fact]
    public void UriReference_Empty_Rejected() =>
        Assert.False(CloudEventAttributeType.UriReference.TryParse("", out _, out _));

    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    [InlineData("é漢字😀")]
    [InlineData("tab-free ~!@#$%^&*()")]
    public void String_Allowed_Accepted(string text) =>
        Assert.True(CloudEventAttributeType.String.TryParse(text, out _, out _));

    // A table in code: xunit would replace lone surrogates in theory arguments with U+FFFD.
    [Fact]
    public void String_DisallowedCharacters_Rejected()
    {
        string[] disallowed = ["\u0000", "a\u001Fb", "\u007F", "\u009F", "\uD800", "x\uDC00", "\uDBFFa", "\uFDD0", "\uFFFE", "\U0001FFFF"];
        foreach (var text in disallowed)
        {
            Assert.False(CloudEventAttributeType.String.TryParse(text, out _, out _), $"accepted {string.Join(' ', text.Select(c => ((int)c).ToString("X4", null)))}");
        }
    }

    [Fact]
    public void Check_WrongClrType_SaysWhich()
    {
        var error = CloudEventAttributeType.Integer.Check("5");
        Assert.Contains("Int32", error, StringComparison.Ordinal);
    }
}
