using System.Text;
using MqttSource.CloudEvents.Json;
using Xunit;
using MqttSource.Testing.CloudEvents;

namespace MqttSource.CloudEvents.Tests.Json;

public sealed class JsonEventFormatterTests
{
    private static readonly JsonEventFormatter Formatter = JsonEventFormatter.Instance;

    private static CloudEvent Decode(string json, IEnumerable<CloudEventAttribute>? extensions = null) =>
        Formatter.DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(json), extensions);

    private static string Encode(CloudEvent cloudEvent) => Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent));

    private static string Data(CloudEvent cloudEvent) => Encoding.UTF8.GetString(cloudEvent.Data!.Value.Span);

    [Fact]
    public void Encode_MinimalEvent_WritesRequiredAttributes()
    {
        Assert.Equal(
            """{"specversion":"1.0","id":"A234-1234-1234","source":"/mycontext","type":"com.example.someevent"}""",
            Encode(TestEvents.Minimal()));
    }

    [Fact]
    public void Encode_FullEvent_WritesExtensionsTypedAndDataRaw()
    {
        Assert.Equal(
            """{"specversion":"1.0","id":"id-é 漢 %\"","source":"mqtt://broker:1883/sensors","type":"com.example.sensor.reading","datacontenttype":"application/json","dataschema":"https://example.com/schema.json","subject":"sensors/room 1/temperature","time":"2024-05-01T12:30:15.1234567+02:00","mqttqos":1,"mqttretain":true,"mqtttopic":"a/b","data":{"celsius":21.50,"big":12345678901234567890}}""",
            Encode(TestEvents.Full()));
    }

    [Fact]
    public void Encode_InvalidEvent_ThrowsListingMissing()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Formatter.EncodeStructuredModeMessage(new CloudEvent { Id = "1" }));
        Assert.Contains("source, type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_AfterFailedEncode_WritesCleanDocument()
    {
        Assert.Throws<InvalidOperationException>(() => Formatter.EncodeStructuredModeMessage(new CloudEvent { Id = "1" }));
        Assert.Equal(
            Encode(TestEvents.Minimal()),
            Encoding.UTF8.GetString(Formatter.EncodeBatchModeMessage([TestEvents.Minimal()]))[1..^1]);
    }

    [Fact]
    public void Decode_SpecExample_ReadsEveryAttribute()
    {
        var cloudEvent = Decode("""
            {
                "specversion" : "1.0",
                "type" : "com.example.someevent",
                "source" : "/mycontext",
                "subject": null,
                "id" : "C234-1234-1234",
                "time" : "2018-04-05T17:31:00Z",
                "comexampleextension1" : "value",
                "comexampleothervalue" : 5,
                "unsetextension": null,
                "datacontenttype" : "application/json",
                "data" : {
                    "appinfoA" : "abc",
                    "appinfoB" : 123,
                    "appinfoC" : true
                }
            }
            """);
        Assert.Equal("C234-1234-1234", cloudEvent.Id);
        Assert.Equal("/mycontext", cloudEvent.Source!.OriginalString);
        Assert.Null(cloudEvent.Subject);
        Assert.Equal(new DateTimeOffset(2018, 4, 5, 17, 31, 0, TimeSpan.Zero), cloudEvent.Time);
        Assert.Equal("value", cloudEvent["comexampleextension1"]);
        Assert.Equal(5, cloudEvent["comexampleothervalue"]);
        Assert.Null(cloudEvent["unsetextension"]);
        Assert.Equal("""{"appinfoA":"abc","appinfoB":123,"appinfoC":true}""", string.Concat(Data(cloudEvent).Where(c => !char.IsWhiteSpace(c))));
        Assert.StartsWith("{\n", Data(cloudEvent), StringComparison.Ordinal);
    }

    public static TheoryData<string, string?> JsonData => new()
    {
        { "\"a string\"", "application/json" },
        { "42", "application/json" },
        { "-0.5e-10", null },
        { "1e400", "application/json" },
        { "12345678901234567890", "application/json" },
        { "123456789012345678901234567890.000000000000000000001", "application/json" },
        { "[1,\"two\",null,{\"x\":[]}]", "application/vnd.example+json" },
        { "null", "application/json" },
        { "true", "text/json" },
        { "\"\\u00e9 \\ud83d\\ude00 é 😀\"", "application/json; charset=utf-8" },
        { "{\"nested\":{\"deep\":[[[]]]}}", "APPLICATION/JSON" },
    };

    [Theory]
    [MemberData(nameof(JsonData))]
    public void Decode_JsonData_KeepsRawBytesAndReencodesIdentically(string data, string? contentType)
    {
        var attributes = contentType is null ? "" : $"\"datacontenttype\":\"{contentType}\",";
        var json = $$"""{"specversion":"1.0","id":"1","source":"/s","type":"t",{{attributes}}"data":{{data}}}""";
        var cloudEvent = Decode(json);
        Assert.Equal(data, Data(cloudEvent));
        Assert.Equal(json, Encode(cloudEvent));
    }

    [Theory]
    [InlineData("text/plain", "hello \"world\" é 😀", "\"hello \\\"world\\\" é \\uD83D\\uDE00\"")]
    [InlineData("text/xml", "<much wow=\"xml\"/>", "\"<much wow=\\\"xml\\\"/>\"")]
    [InlineData("application/soap+xml", "<a/>", "\"<a/>\"")]
    [InlineData("text/plain; charset=utf-8", "", "\"\"")]
    public void Encode_TextData_WritesJsonString(string contentType, string text, string expectedData)
    {
        var cloudEvent = TestEvents.Minimal();
        cloudEvent.DataContentType = contentType;
        cloudEvent.Data = Encoding.UTF8.GetBytes(text);
        var json = Encode(cloudEvent);
        Assert.EndsWith($"\"data\":{expectedData}}}", json, StringComparison.Ordinal);
        Assert.Equal(text, Data(Decode(json)));
    }

    [Fact]
    public void Decode_TextDataWithEscapes_UnescapesToUtf8()
    {
        var cloudEvent = Decode("""{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"text/plain","data":"line\nnext \u00e9\ud83d\ude00"}""");
        Assert.Equal("line\nnext é😀", Data(cloudEvent));
    }

    [Theory]
    [InlineData("application/octet-stream", new byte[] { 0, 1, 2, 0xFF })]
    [InlineData("application/octet-stream", new byte[0])]
    [InlineData("text/plain", new byte[] { 0xC3, 0x28 })]
    [InlineData("application/json", new byte[] { (byte)'{' })]
    [InlineData(null, new byte[] { 0xFF })]
    public void Encode_BinaryOrInvalidTextOrInvalidJson_WritesDataBase64(string? contentType, byte[] data)
    {
        var cloudEvent = TestEvents.Minimal();
        cloudEvent.DataContentType = contentType;
        cloudEvent.Data = data;
        var json = Encode(cloudEvent);
        Assert.Contains($"\"data_base64\":\"{Convert.ToBase64String(data)}\"", json, StringComparison.Ordinal);
        Assert.Equal(data, Decode(json).Data!.Value.ToArray());
    }

    [Fact]
    public void Decode_JsonDataWithSurroundingWhitespace_KeepsTheValueOnly()
    {
        var cloudEvent = Decode("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\": \n [ 1 , 2 ] \n}");
        Assert.Equal("[ 1 , 2 ]", Data(cloudEvent));
    }

    [Fact]
    public void Decode_EmptyDataBase64_IsEmptyData()
    {
        var cloudEvent = Decode("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":""}""");
        Assert.NotNull(cloudEvent.Data);
        Assert.True(cloudEvent.Data!.Value.IsEmpty);
    }

    [Fact]
    public void Decode_NoData_DataIsNull()
    {
        Assert.Null(Decode("""{"specversion":"1.0","id":"1","source":"/s","type":"t"}""").Data);
        Assert.Null(Decode("""{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"text/plain","data":null}""").Data);
    }

    [Fact]
    public void Decode_Extensions_MapJsonTypes()
    {
        var cloudEvent = Decode("""{"specversion":"1.0","id":"1","source":"/s","type":"t","s":"x","i":-2147483648,"j":2147483647,"b":false}""");
        Assert.Equal(["b:Boolean=false", "i:Integer=-2147483648", "j:Integer=2147483647", "s:String=x"], TestEvents.Extensions(cloudEvent));
    }

    [Fact]
    public void Decode_KnownExtensionAttributes_RestoresTypes()
    {
        CloudEventAttribute[] known =
        [
            CloudEventAttribute.CreateExtension("bin", CloudEventAttributeType.Binary),
            CloudEventAttribute.CreateExtension("ts", CloudEventAttributeType.Timestamp),
            CloudEventAttribute.CreateExtension("uri", CloudEventAttributeType.Uri),
        ];
        var cloudEvent = Decode("""{"specversion":"1.0","id":"1","source":"/s","type":"t","bin":"AQID","ts":"2020-01-01T00:00:00.5-03:30","uri":"https://x/"}""", known);
        Assert.Equal(new byte[] { 1, 2, 3 }, cloudEvent["bin"]);
        Assert.Equal(TimeSpan.FromMinutes(-210), ((DateTimeOffset)cloudEvent["ts"]!).Offset);
        Assert.IsType<Uri>(cloudEvent["uri"]);
    }

    public static TheoryData<string, string> InvalidDocuments => new()
    {
        { """{"specversion":1.0,"id":"1","source":"/s","type":"t"}""", "'specversion' must be a JSON string, not a number" },
        { """{"specversion":"1.0","id":1,"source":"/s","type":"t"}""", "'id' must be a JSON string" },
        { """{"specversion":"1.0","id":"1","source":["/s"],"type":"t"}""", "'source' must be a JSON string, not an array" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":true}""", "'type' must be a JSON string, not a boolean" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","time":5}""", "'time' must be a JSON string" },
        { """{"id":"1","source":"/s","type":"t"}""", "missing required attribute(s): specversion" },
        { """{"specversion":"1.0"}""", "missing required attribute(s): id, source, type" },
        { """{"specversion":"1.0","id":null,"source":"/s","type":"t"}""", "missing required attribute(s): id" },
        { """{"specversion":"0.3","id":"1","source":"/s","type":"t"}""", "unsupported specversion '0.3'" },
        { """{"specversion":"1.0","id":"","source":"/s","type":"t"}""", "attribute 'id': the value must not be empty" },
        { """{"specversion":"1.0","id":"1","source":"","type":"t"}""", "attribute 'source'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"yesterday"}""", "attribute 'time': 'yesterday' is not an RFC 3339 timestamp" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"2018-04-05T17:31:00"}""", "attribute 'time'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","dataschema":"/relative"}""", "attribute 'dataschema'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","Bad-Name":"x"}""", "'Bad-Name' is not a valid attribute name" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":1.5}""", "'ext' must be an integer" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":2147483648}""", "'ext' must be an integer" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":{"a":1}}""", "'ext' must be a string, number or boolean, not an object" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":"\u0001"}""", "attribute 'ext': control character U+0001" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","data":1,"data_base64":"AA=="}""", "both 'data' and 'data_base64'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":"***"}""", "'data_base64' is not valid base64" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":5}""", "'data_base64' must be a JSON string" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"text/plain","data":{"a":1}}""", "'data' must be a JSON string when datacontenttype is 'text/plain'" },
        { """{"specversion":"1.0","id":"1","id":"2","source":"/s","type":"t"}""", "'id' appears more than once" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","x":"1","x":"2"}""", "'x' appears more than once" },
        { """["specversion"]""", "must be a JSON object, not an array" },
        { """{"specversion":"1.0",""", "not valid JSON" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t"} {}""", "not valid JSON" },
        { "", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public void Decode_InvalidDocument_ThrowsMessageNamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<CloudEventFormatException>(() => Decode(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_RoundTrip_KeepsEveryEvent()
    {
        var second = TestEvents.Minimal();
        second.Id = "second";
        second.DataContentType = "application/octet-stream";
        second.Data = new byte[] { 1, 2, 3 };
        var body = Formatter.EncodeBatchModeMessage([TestEvents.Full(), second]);
        var events = Formatter.DecodeBatchModeMessage(body);
        Assert.Equal(2, events.Count);
        TestEvents.AssertEquivalent(TestEvents.Full(), events[0]);
        TestEvents.AssertEquivalent(second, events[1]);
    }

    [Fact]
    public void Batch_Empty_IsEmptyArray()
    {
        Assert.Equal("[]", Encoding.UTF8.GetString(Formatter.EncodeBatchModeMessage([])));
        Assert.Empty(Formatter.DecodeBatchModeMessage("[]"u8));
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t"}""", "a batch must be a JSON array, not an object")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"}, 5]""", "member 1: Invalid CloudEvent: a CloudEvent must be a JSON object, not a number")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"}, {"specversion":"1.0"}]""", "member 1: Invalid CloudEvent: missing required attribute(s): id, source, type")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"}""", "not valid JSON")]
    public void DecodeBatch_Invalid_ThrowsMessageNamingMember(string json, string expected)
    {
        var ex = Assert.Throws<CloudEventFormatException>(() => Formatter.DecodeBatchModeMessage(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatter_ContentTypes_AreTheSpecMediaTypes()
    {
        Assert.Equal("application/cloudevents+json", Formatter.StructuredContentType);
        Assert.Equal("application/cloudevents-batch+json", Formatter.BatchContentType);
    }
}
