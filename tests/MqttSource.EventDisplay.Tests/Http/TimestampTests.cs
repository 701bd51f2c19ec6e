using System.Buffers;
using CloudNative.CloudEvents;
using Microsoft.AspNetCore.Http;
using MqttSource.EventDisplay.Http;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Http;

/// <summary>The <c>time</c> of a binary-mode request: RFC 3339 read by the SDK, offset kept; anything else is a 400 naming 'time'.</summary>
public sealed class TimestampTests
{
    public static TheoryData<string, string> Valid => TimestampCases.Valid;

    public static TheoryData<string> Invalid => TimestampCases.Invalid;

    private static CloudEventReadResult Read(string time)
    {
        var request = new DefaultHttpContext().Request;
        foreach (var (name, value) in new[] { ("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-source", "/s"), ("ce-type", "t"), ("ce-time", time) })
        {
            request.Headers[name] = value;
        }

        return CloudEventRequestReader.Decode(request, ReadOnlySequence<byte>.Empty, null);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Read_ValidTime_CanonicalWithItsOffset(string text, string canonical)
    {
        var result = Read(text);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(canonical, CloudEventsSpecVersion.V1_0.TimeAttribute.Format(result.Events[0].Time!.Value));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Read_InvalidTime_400NamingTheAttribute(string text)
    {
        var result = Read(text);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("header 'ce-time'", result.Error, StringComparison.Ordinal);
        Assert.Contains("attribute 'time'", result.Error, StringComparison.Ordinal);
    }
}
