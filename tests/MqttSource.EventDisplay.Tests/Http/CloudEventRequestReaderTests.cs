using System.Text;
using CloudNative.CloudEvents;
using Microsoft.AspNetCore.Http;
using MqttSource.EventDisplay.Http;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Http;

/// <summary>The thin reader from an ASP.NET Core request to the SDK's types, on in-memory requests.</summary>
public sealed class CloudEventRequestReaderTests
{
    private static readonly string[] Required = ["ce-specversion: 1.0", "ce-id: 1", "ce-source: /s", "ce-type: t"];

    private static HttpRequest Request(string? contentType, byte[] body, IEnumerable<string> headers, bool sendLength = true)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.ContentType = contentType;
        request.Body = new MemoryStream(body);
        request.ContentLength = sendLength ? body.Length : null;
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            request.Headers.Append(header[..colon], header[(colon + 1)..].Trim());
        }

        return request;
    }

    private static Task<CloudEventReadResult> ReadAsync(string? contentType, string body, params string[] headers) =>
        ReadAsync(Request(contentType, Encoding.UTF8.GetBytes(body), headers));

    private static Task<CloudEventReadResult> ReadAsync(HttpRequest request, long maxBodySize = 1024 * 1024, IEnumerable<CloudEventAttribute>? extensions = null) =>
        CloudEventRequestReader.ReadAsync(request, maxBodySize, extensions, CancellationToken.None);

    [Fact]
    public async Task Read_Binary_PercentDecodedHeadersContentTypeAndRawBody()
    {
        var result = await ReadAsync("application/json; charset=utf-8", """{"n":12345678901234567890}""",
            [.. Required, "ce-subject: room%201%2F%c3%a9%22", "ce-time: 2024-05-01T12:30:00.5+02:00", "ce-myext: a%25b", "x-other: ignored"]);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ContentMode.Binary, result.Mode);
        var cloudEvent = Assert.Single(result.Events);
        Assert.Equal("room 1/é\"", cloudEvent.Subject);
        Assert.Equal(TimeSpan.FromHours(2), cloudEvent.Time!.Value.Offset);
        Assert.Equal("application/json; charset=utf-8", cloudEvent.DataContentType);
        Assert.Equal("""{"n":12345678901234567890}""", TestEvents.DataText(cloudEvent));
        Assert.Equal(["myext:String=a%b"], TestEvents.Extensions(cloudEvent));
    }

    [Fact]
    public async Task Read_BinaryKnownExtension_TypedValue()
    {
        var qos = CloudEventAttribute.CreateExtension("mqttqos", CloudEventAttributeType.Integer);

        var result = await ReadAsync(Request(null, [], [.. Required, "ce-mqttqos: 1"]), extensions: [qos]);

        Assert.Equal(["mqttqos:Integer=1"], TestEvents.Extensions(result.Events[0]));
        Assert.Null(result.Events[0].Data);
        Assert.Null(result.Events[0].DataContentType);
    }

    [Fact]
    public async Task Read_BinaryCeDataContentTypeOnly_UsesIt() =>
        Assert.Equal("text/plain", (await ReadAsync(null, "x", [.. Required, "ce-datacontenttype: text/plain"])).Events[0].DataContentType);

    [Fact]
    public async Task Read_BinaryContentTypeAndCeDataContentType_ContentTypeWins() =>
        Assert.Equal("text/csv", (await ReadAsync("text/csv", "x", [.. Required, "ce-datacontenttype: text/plain"])).Events[0].DataContentType);

    public static TheoryData<string?, string[], string> InvalidBinary => new()
    {
        { "text/plain", ["ce-id: 1"], "Not a CloudEvent: binary mode needs a ce-specversion header" },
        { "text/plain", [.. Required, "ce-id: 2"], "header 'ce-id' appears more than once" },
        { "text/plain", ["ce-specversion: 1.0", "ce-id: 1"], "missing required attribute(s): source, type (as ce- headers)" },
        { "text/plain", ["ce-specversion: 0.3", "ce-id: 1", "ce-source: /s", "ce-type: t"], "unsupported specversion '0.3'" },
        { "text/plain", [.. Required, "ce-my_ext: x"], "header 'ce-my_ext'" },
        { "text/plain", [.. Required, "ce-subject: %C3%28"], "header 'ce-subject'" },
        { "text/plain", [.. Required, "ce-subject: %4"], "header 'ce-subject'" },
        { "text/plain", [.. Required, "ce-time: yesterday"], "attribute 'time'" },
        { "xyz", Required, "header 'Content-Type'" },
    };

    [Theory]
    [MemberData(nameof(InvalidBinary))]
    public async Task Read_InvalidBinary_400WithOneSentence(string? contentType, string[] headers, string expected)
    {
        var result = await ReadAsync(contentType, "x", headers);

        Assert.False(result.Succeeded);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/cloudevents+json; charset=utf-8")]
    [InlineData("Application/CloudEvents+JSON")]
    public async Task Read_StructuredAnyCaseWithParameters_RawJsonData(string contentType)
    {
        var result = await ReadAsync(contentType, """{"specversion":"1.0","id":"1","source":"/s","type":"t","data":{"celsius":21.50}}""");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ContentMode.Structured, result.Mode);
        Assert.Equal("""{"celsius":21.50}""", TestEvents.DataText(result.Events[0]));
        Assert.Equal("application/json", result.Events[0].DataContentType);
    }

    [Theory]
    [InlineData("application/cloudevents+avro")]
    [InlineData("application/cloudevents-batch+protobuf")]
    [InlineData("application/cloudevents")]
    public async Task Read_OtherEventFormat_415NamingTheJsonFormat(string contentType)
    {
        var result = await ReadAsync(contentType, "{}");

        Assert.Equal(415, result.StatusCode);
        Assert.Contains("application/cloudevents", result.Error, StringComparison.Ordinal);
        Assert.Contains("+json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_Batch_EveryEventInOrder()
    {
        var result = await ReadAsync("application/cloudevents-batch+json",
            """[{"specversion":"1.0","id":"1","source":"/s","type":"t"},{"specversion":"1.0","id":"2","source":"/s","type":"t","count":3}]""");

        Assert.True(result.IsBatch);
        Assert.Equal(["1", "2"], result.Events.Select(e => e.Id));
        Assert.Equal(["count:Integer=3"], TestEvents.Extensions(result.Events[1]));
    }

    [Theory]
    [InlineData(100, true, 200)]
    [InlineData(101, true, 413)]
    [InlineData(101, false, 413)]
    [InlineData(5000, false, 413)]
    public async Task Read_BodyAgainstLimit_413OnlyAboveItWithOrWithoutContentLength(int size, bool sendLength, int status)
    {
        var result = await ReadAsync(Request("application/octet-stream", new byte[size], Required, sendLength), maxBodySize: 100);

        Assert.Equal(status, result.StatusCode);
        if (status == 413)
        {
            Assert.Equal("The body is larger than the limit of 100 bytes.", result.Error);
        }
    }

    [Fact]
    public async Task Read_StructuredDuplicateMember_400()
    {
        var result = await ReadAsync("application/cloudevents+json", """{"specversion":"1.0","id":"1","id":"2","source":"/s","type":"t"}""");

        Assert.Equal(400, result.StatusCode);
        Assert.StartsWith("Invalid CloudEvent: the body is not valid JSON", result.Error, StringComparison.Ordinal);
    }
}
