using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.CloudEvents.Json.Tests;

/// <summary>What the SDK's HTTP binding sends with <see cref="RawJsonEventFormatter"/> (PRODUCT.md §4.3).</summary>
public sealed class HttpBindingTests
{
    private static readonly RawJsonEventFormatter Formatter = RawJsonEventFormatter.Instance;

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
        { "\u00A0", "%C2%A0" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void ToHttpContent_Binary_HeaderValuesPercentEncodedExactlyTheSpecSet(string value, string expected)
    {
        var cloudEvent = TestEvents.Minimal();
        cloudEvent.Subject = value;
        cloudEvent["note"] = value;

        using var content = cloudEvent.ToHttpContent(ContentMode.Binary, Formatter);

        Assert.Equal(expected, content.Headers.GetValues("ce-subject").Single());
        Assert.Equal(expected, content.Headers.GetValues("ce-note").Single());
        Assert.Equal(value, HttpUtilities.DecodeHeaderValue(expected));
        Assert.Equal(value, HttpUtilities.DecodeHeaderValue(LowerHex(expected)));
    }

    [Fact]
    public async Task ToHttpContent_Binary_RawBodyContentTypeAndTypedHeaders()
    {
        using var content = TestEvents.Full().ToHttpContent(ContentMode.Binary, Formatter);

        Assert.Equal(TestEvents.Data(TestEvents.Full()), await content.ReadAsByteArrayAsync());
        Assert.Equal("application/json", content.Headers.ContentType?.ToString());
        Assert.False(content.Headers.Contains("ce-datacontenttype"));
        Assert.Equal("1", content.Headers.GetValues("ce-mqttqos").Single());
        Assert.Equal("true", content.Headers.GetValues("ce-mqttretain").Single());
        Assert.Equal("2024-05-01T12:30:15.1234567+02:00", content.Headers.GetValues("ce-time").Single());
    }

    [Theory]
    [InlineData("{\"a\":1}", "application/json")]
    [InlineData("not json", "application/octet-stream")]
    public async Task ToHttpContent_BinaryDataWithoutContentType_InferredLikeAWrappedPayload(string data, string expected)
    {
        var cloudEvent = TestEvents.Minimal();
        cloudEvent.Data = Encoding.UTF8.GetBytes(data);

        using var content = cloudEvent.ToHttpContent(ContentMode.Binary, Formatter);

        Assert.Equal(expected, content.Headers.ContentType?.MediaType);
        Assert.Equal(data, await content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ToHttpContent_StructuredJsonData_InlineNeverBase64()
    {
        using var content = TestEvents.Full().ToHttpContent(ContentMode.Structured, Formatter);

        Assert.Equal("application/cloudevents+json; charset=utf-8", content.Headers.ContentType?.ToString());
        Assert.EndsWith("\"data\":{\"celsius\":21.50,\"big\":12345678901234567890}}", await content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string LowerHex(string encoded) =>
        System.Text.RegularExpressions.Regex.Replace(encoded, "%[0-9A-F]{2}", match => match.Value.ToLowerInvariant());
}
