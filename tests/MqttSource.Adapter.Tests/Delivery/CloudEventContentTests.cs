using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using MqttSource.Adapter.Delivery;
using MqttSource.CloudEvents.Json;
using MqttSource.Testing.CloudEvents;

namespace MqttSource.Adapter.Tests.Delivery;

/// <summary>The request content the adapter sends (PRODUCT.md §4.3), on the SDK's binding and formatter.</summary>
public sealed class CloudEventContentTests
{
    private static CloudEvent Event(string subject = "sensors/room 1/é", string contentType = "application/json", string data = """{"celsius":21.50}""")
    {
        var ev = TestEvents.Minimal();
        ev.Subject = subject;
        ev.DataContentType = contentType;
        ev.Data = Encoding.UTF8.GetBytes(data);
        ev[TestEvents.Qos] = 1;
        return ev;
    }

    [Fact]
    public async Task Create_Binary_RawBodyContentTypeAndPercentEncodedCeHeaders()
    {
        var ev = Event();
        using var content = CloudEventContent.Create(ev, ContentMode.Binary);

        Assert.Equal(TestEvents.Data(ev), await content.ReadAsByteArrayAsync());
        Assert.Equal("application/json", content.Headers.ContentType?.ToString());
        Assert.Equal("sensors/room%201/%C3%A9", content.Headers.GetValues("ce-subject").Single());
        Assert.Equal("1", content.Headers.GetValues("ce-mqttqos").Single());
        Assert.False(content.Headers.Contains("ce-datacontenttype"));
    }

    [Fact]
    public async Task Create_Structured_JsonDataInlineAndNoCeHeaders()
    {
        using var content = CloudEventContent.Create(Event(), ContentMode.Structured);

        Assert.Equal("application/cloudevents+json; charset=utf-8", content.Headers.ContentType?.ToString());
        Assert.DoesNotContain(content.Headers, header => header.Key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase));
        var json = await content.ReadAsStringAsync();
        Assert.Equal(
            """{"specversion":"1.0","id":"A234-1234-1234","source":"/mycontext","type":"com.example.someevent","subject":"sensors/room 1/é","datacontenttype":"application/json","mqttqos":1,"data":{"celsius":21.50}}""",
            json);
        Assert.Equal(content.Headers.ContentLength, Encoding.UTF8.GetByteCount(json));
    }

    [Theory]
    [InlineData("text/plain", "hello \"you\"", "\"data\":\"hello \\\"you\\\"\"")]
    [InlineData("application/octet-stream", "AB", "\"data_base64\":\"QUI=\"")]
    [InlineData("application/json", "{not json", "\"data_base64\":\"e25vdCBqc29u\"")]
    public async Task Create_StructuredTextOrBinary_StringOrBase64(string contentType, string data, string expected)
    {
        using var content = CloudEventContent.Create(Event(contentType: contentType, data: data), ContentMode.Structured);

        Assert.Contains(expected, await content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContentMode.Binary)]
    [InlineData(ContentMode.Structured)]
    public async Task Create_AnyMode_TheSdkReadsTheSameEventBack(ContentMode mode)
    {
        var ev = TestEvents.Full();
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://sink/") { Content = CloudEventContent.Create(ev, mode) };

        var read = await request.ToCloudEventAsync(RawJsonEventFormatter.Instance, [TestEvents.Qos, TestEvents.Retain]);

        TestEvents.AssertEquivalent(ev, read);
    }

    [Fact]
    public void Create_InvalidEvent_ArgumentExceptionNamingTheMissingAttributes()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => CloudEventContent.Create(new CloudEvent { Id = "1" }, ContentMode.Binary));

        Assert.Contains("source, type", error.Message, StringComparison.Ordinal);
    }
}
