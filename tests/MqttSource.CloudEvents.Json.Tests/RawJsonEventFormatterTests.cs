using System.Text;
using CloudNative.CloudEvents;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.CloudEvents.Json.Tests;

/// <summary>The JSON format as the product writes and reads it (PRODUCT.md §4.3): the SDK's formatter with data as raw bytes.</summary>
public sealed class RawJsonEventFormatterTests
{
    private static readonly RawJsonEventFormatter Formatter = RawJsonEventFormatter.Instance;

    private static CloudEvent Decode(string json, IEnumerable<CloudEventAttribute>? extensions = null) =>
        Formatter.DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(json), null, extensions);

    private static string Encode(CloudEvent cloudEvent) => Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);

    private static string Data(CloudEvent cloudEvent) => TestEvents.DataText(cloudEvent);

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
        var ex = Assert.ThrowsAny<ArgumentException>(() => Formatter.EncodeStructuredModeMessage(new CloudEvent { Id = "1" }, out _));
        Assert.Contains("source, type", ex.Message, StringComparison.Ordinal);
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
        // Without a datacontenttype the SDK reads JSON data as application/json (the format's default) and says so.
        Assert.Equal(contentType is null ? json.Replace("\"data\":", "\"datacontenttype\":\"application/json\",\"data\":", StringComparison.Ordinal) : json, Encode(cloudEvent));
    }

    [Theory]
    [InlineData("{\"celsius\":21.5}\n", "{\"celsius\":21.5}")]
    [InlineData("4\t", "4")]
    [InlineData(" [1, 2]\r\n", "[1, 2]")]
    public void EncodeDecode_JsonDataWithWhitespaceAround_InlineAndReadBackAsTheValue(string data, string value)
    {
        // `mosquitto_pub -s` keeps the newline of `echo '{...}'`: that is still JSON data, inline and never base64; the
        // whitespace around the value is not part of it once the envelope is read.
        var cloudEvent = TestEvents.Minimal();
        cloudEvent.DataContentType = "application/json";
        cloudEvent.Data = Encoding.UTF8.GetBytes(data);

        var json = Encode(cloudEvent);

        Assert.DoesNotContain("data_base64", json, StringComparison.Ordinal);
        Assert.Equal(value, Data(Decode(json)));
    }

    [Fact]
    public void EncodeDecode_JsonNullData_GoesAsBase64BecauseInlineNullIsNoData()
    {
        var cloudEvent = TestEvents.Minimal();
        cloudEvent.DataContentType = "application/json";
        cloudEvent.Data = "null"u8.ToArray();

        var json = Encode(cloudEvent);

        Assert.EndsWith("\"data_base64\":\"bnVsbA==\"}", json, StringComparison.Ordinal);
        Assert.Equal("null", Data(Decode(json)));
        Assert.Null(Decode(json.Replace("\"data_base64\":\"bnVsbA==\"", "\"data\":null", StringComparison.Ordinal)).Data);
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
        Assert.Equal(data, TestEvents.Data(Decode(json)));
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
        Assert.Equal(Array.Empty<byte>(), TestEvents.Data(cloudEvent));
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
        { """{"specversion":"1.0","id":1,"source":"/s","type":"t"}""", "'Number' for CloudEvent attribute 'id'" },
        { """{"specversion":"1.0","id":"1","source":["/s"],"type":"t"}""", "'Array' for CloudEvent attribute 'source'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":true}""", "'True' for CloudEvent attribute 'type'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","time":5}""", "'Number' for CloudEvent attribute 'time'" },
        { """{"id":"1","source":"/s","type":"t"}""", "missing required attribute 'specversion'" },
        { """{"specversion":"1.0"}""", "missing required attributes: id, source, type" },
        { """{"specversion":"1.0","id":null,"source":"/s","type":"t"}""", "missing required attributes: id" },
        { """{"specversion":"0.3","id":"1","source":"/s","type":"t"}""", "spec version '0.3'" },
        { """{"specversion":"1.0","id":"","source":"/s","type":"t"}""", "attribute 'id' is invalid: Value must be non-empty" },
        { """{"specversion":"1.0","id":"1","source":"","type":"t"}""", "attribute 'source'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"yesterday"}""", "attribute 'time' is invalid: Invalid timestamp" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"2018-04-05T17:31:00"}""", "attribute 'time'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","dataschema":"/relative"}""", "attribute 'dataschema'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"xyz"}""", "attribute 'datacontenttype'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","Bad-Name":"x"}""", "attribute name 'Bad-Name'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":1.5}""", "extension attribute 'ext' must be an integer" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":2147483648}""", "extension attribute 'ext' must be an integer" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":{"a":1}}""", "'ext' must be a string, number or boolean, not an object" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":"\u0001"}""", "attribute 'ext' is invalid: Control character U+0001" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","data":1,"data_base64":"AA=="}""", "both 'data' and 'data_base64'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":"***"}""", "'data_base64' is not valid base64" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":5}""", "'data_base64' must be a string" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"text/plain","data":{"a":1}}""", "'data' must be a JSON string when datacontenttype is 'text/plain'" },
        { """{"specversion":"1.0","id":"1","id":"2","source":"/s","type":"t"}""", "Duplicate property 'id'" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t","x":"1","x":"2"}""", "Duplicate property 'x'" },
        { """["specversion"]""", "must be a JSON object, not an array" },
        { """{"specversion":"1.0",""", "not valid JSON" },
        { """{"specversion":"1.0","id":"1","source":"/s","type":"t"} {}""", "not valid JSON" },
        { "", "not valid JSON" },
        { "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":" + new string('[', 300) + new string(']', 300) + "}", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public void Decode_InvalidDocument_ThrowsMessageNamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<InvalidCloudEventException>(() => Decode(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid CloudEvent", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_InvalidUtf8InJsonData_RefusedAsNotUtf8()
    {
        var body = Encoding.UTF8.GetBytes("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":{\"a\":\"x\"}}");
        body[^4] = 0xFF;

        var error = Assert.Throws<InvalidCloudEventException>(() => Formatter.DecodeStructuredModeMessage(body, null, null));

        Assert.Equal("Invalid CloudEvent: the body is not valid UTF-8.", error.Message);
    }

    [Fact]
    public void Batch_RoundTrip_KeepsEveryEvent()
    {
        var second = TestEvents.Minimal();
        second.Id = "second";
        second.DataContentType = "application/octet-stream";
        second.Data = new byte[] { 1, 2, 3 };
        var body = Formatter.EncodeBatchModeMessage([TestEvents.Full(), second], out var contentType);
        var events = Formatter.DecodeBatchModeMessage(body, contentType, [TestEvents.Qos, TestEvents.Retain]);
        Assert.Equal(2, events.Count);
        TestEvents.AssertEquivalent(TestEvents.Full(), events[0]);
        TestEvents.AssertEquivalent(second, events[1]);
    }

    [Fact]
    public void Batch_Empty_IsEmptyArray()
    {
        Assert.Equal("[]", Encoding.UTF8.GetString(Formatter.EncodeBatchModeMessage([], out _).Span));
        Assert.Empty(Formatter.DecodeBatchModeMessage("[]"u8.ToArray(), null, null));
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t"}""", "a batch must be a JSON array, not an object")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"}, 5]""", "member 1: Invalid CloudEvent: a CloudEvent must be a JSON object, not a number")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"}, {"specversion":"1.0"}]""", "member 1: Invalid CloudEvent: CloudEvent is missing required attributes: id, source, type")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"}""", "not valid JSON")]
    public void DecodeBatch_Invalid_ThrowsMessageNamingMember(string json, string expected)
    {
        var ex = Assert.Throws<InvalidCloudEventException>(() => Formatter.DecodeBatchModeMessage(Encoding.UTF8.GetBytes(json), null, null));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatter_ContentTypes_AreTheSpecMediaTypes()
    {
        Assert.Equal("application/cloudevents+json", RawJsonEventFormatter.StructuredMediaType);
        Assert.Equal("application/cloudevents-batch+json", RawJsonEventFormatter.BatchMediaType);
        Formatter.EncodeStructuredModeMessage(TestEvents.Minimal(), out var contentType);
        Assert.Equal("application/cloudevents+json; charset=utf-8", contentType.ToString());
    }
}
