using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace MqttSource.CloudEvents.Json.Tests;

/// <summary>
/// <see cref="CloudEventData.IsValidJson"/> decides the wrapping rule's content type without exceptions for plain-text
/// payloads; it must agree with System.Text.Json's reader on every input.
/// </summary>
public sealed class JsonValidityTests
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = CloudEventData.MaxJsonDepth };

    /// <summary>What the reader alone says (the definition the fast path must match).</summary>
    private static bool ReaderSays(byte[] data)
    {
        if (data.Length == 0 || !Utf8.IsValid(data))
        {
            return false;
        }

        var reader = new Utf8JsonReader(data, Options);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("0000000001 0639999999999999999 xxxx", false)]
    [InlineData("ON", false)]
    [InlineData("21.5 C", false)]
    [InlineData("21.5", true)]
    [InlineData(" \t\r\n-0.5e+10 \n", true)]
    [InlineData("0", true)]
    [InlineData("-", false)]
    [InlineData("01", false)]
    [InlineData("1.", false)]
    [InlineData(".5", false)]
    [InlineData("1e", false)]
    [InlineData("1E-7", true)]
    [InlineData("-01", false)]
    [InlineData("+1", false)]
    [InlineData("12345678901234567890123456789", true)]
    [InlineData("true", true)]
    [InlineData("true false", false)]
    [InlineData("tru", false)]
    [InlineData("null", true)]
    [InlineData("nul", false)]
    [InlineData("False", false)]
    [InlineData("\"\"", true)]
    [InlineData("\"", false)]
    [InlineData("\"a\"b\"", false)]
    [InlineData("\"tab\there\"", false)]
    [InlineData("{}", true)]
    [InlineData("{", false)]
    [InlineData("{\"a\":1}", true)]
    [InlineData("{\"a\":1}}", false)]
    [InlineData("{\"a\":1} {}", false)]
    [InlineData("[1,]", false)]
    [InlineData("[1, 2, {\"x\": [true, null]}]", true)]
    [InlineData("[1] // comment", false)]
    [InlineData("\u00a0{}", false)]
    [InlineData("\ufeff{}", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public void IsValidJson_Case_AgreesWithTheReader(string text, bool expected)
    {
        var data = Encoding.UTF8.GetBytes(text);

        Assert.Equal(expected, CloudEventData.IsValidJson(data));
        Assert.Equal(ReaderSays(data), CloudEventData.IsValidJson(data));
    }

    [Fact]
    public void IsValidJson_InvalidUtf8InsideAString_False()
    {
        byte[] data = [(byte)'"', 0xC3, 0x28, (byte)'"'];

        Assert.False(CloudEventData.IsValidJson(data));
    }

    [Fact]
    public void IsValidJson_NestedDeeperThanTheLimit_False()
    {
        var deep = Encoding.ASCII.GetBytes(new string('[', CloudEventData.MaxJsonDepth + 1) + new string(']', CloudEventData.MaxJsonDepth + 1));
        var limit = Encoding.ASCII.GetBytes(new string('[', CloudEventData.MaxJsonDepth) + new string(']', CloudEventData.MaxJsonDepth));

        Assert.False(CloudEventData.IsValidJson(deep));
        Assert.True(CloudEventData.IsValidJson(limit));
    }

    [Fact]
    public void IsValidJson_RandomBytes_AgreesWithTheReader() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), data => CloudEventData.IsValidJson(data) == ReaderSays(data))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void IsValidJson_RandomJsonLikeText_AgreesWithTheReader()
    {
        // Text made of JSON's own characters, so that many inputs are valid or nearly so.
        var alphabet = " \t\n{}[]\",:-+.0123456789eEtrufalsn\\x".ToCharArray();
        var text = Gen.ArrayOf(Gen.Elements(alphabet)).Select(chars => Encoding.ASCII.GetBytes(new string(chars)));
        Prop.ForAll(text.ToArbitrary(), data => CloudEventData.IsValidJson(data) == ReaderSays(data))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(20_000));
    }

    [Fact]
    public void IsValidJson_RandomNumbers_AgreesWithTheReader()
    {
        var parts = Gen.Elements("", "-", "0", "00", "1", "12", ".", ".5", "e", "E+", "e-3", "5", " ", "+");
        var text = Gen.ArrayOf(parts).Select(p => Encoding.ASCII.GetBytes(string.Concat(p)));
        Prop.ForAll(text.ToArbitrary(), data => CloudEventData.IsValidJson(data) == ReaderSays(data))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(20_000));
    }
}
