using System.Text;
using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Json;
using MqttSource.CloudEvents.Mqtt;
using MqttSource.Mqtt;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.CloudEvents.Mqtt.Tests;

public sealed class MqttCloudEventExtensionsTests
{
    private static MqttApplicationMessage Message(string payload, string? contentType = null, params (string Name, string Value)[] properties) => new()
    {
        Topic = "sensors/1",
        Payload = Encoding.UTF8.GetBytes(payload),
        ContentType = contentType,
        UserProperties = properties.Length == 0 ? null : [.. properties.Select(property => new MqttUserProperty(property.Name, property.Value))],
    };

    private static readonly (string, string)[] Required = [("specversion", "1.0"), ("id", "1"), ("source", "/s"), ("type", "t")];

    [Fact]
    public void Decode_V5Structured_DecodesJsonEvent()
    {
        var message = Message("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data":{"x":1}}""", "application/cloudevents+json; charset=utf-8");
        var result = message.DecodeCloudEvent(MqttProtocolVersion.V500);
        Assert.Equal(MqttCloudEventDecodeStatus.CloudEvent, result.Status);
        Assert.Equal(ContentMode.Structured, result.Mode);
        Assert.Equal("{\"x\":1}", TestEvents.DataText(result.CloudEvent!));
    }

    [Fact]
    public void Decode_V5StructuredInvalid_InvalidWithReason()
    {
        var result = Message("""{"specversion":"1.0","id":"1"}""", "application/cloudevents+json").DecodeCloudEvent(MqttProtocolVersion.V500);
        Assert.Equal(MqttCloudEventDecodeStatus.InvalidCloudEvent, result.Status);
        Assert.Contains("missing required attributes: source, type", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/cloudevents+avro")]
    [InlineData("application/cloudevents-batch+json")]
    public void Decode_V5OtherCloudEventsFormat_Invalid(string contentType)
    {
        var result = Message("[]", contentType).DecodeCloudEvent(MqttProtocolVersion.V500);
        Assert.Equal(MqttCloudEventDecodeStatus.InvalidCloudEvent, result.Status);
        Assert.Contains("unsupported CloudEvents format", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ce-")]
    [InlineData("ce_")]
    [InlineData("CE-")]
    public void Decode_V5BinaryWithOrWithoutPrefix_DecodesAttributes(string prefix)
    {
        var message = Message("21.5", "application/json",
            (prefix + "specversion", "1.0"), (prefix + "id", "é-1"), (prefix + "source", "/s"), (prefix + "type", "t"),
            (prefix + "subject", "a b"), (prefix + "time", "2024-01-01T00:00:00.25+01:00"), (prefix + "myext", "v"), ("Not-An-Attribute", "ignored"));
        var result = message.DecodeCloudEvent(MqttProtocolVersion.V500);
        Assert.Equal(MqttCloudEventDecodeStatus.CloudEvent, result.Status);
        Assert.Equal(ContentMode.Binary, result.Mode);
        var cloudEvent = result.CloudEvent!;
        Assert.Equal("é-1", cloudEvent.Id);
        Assert.Equal("a b", cloudEvent.Subject);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("v", cloudEvent["myext"]);
        Assert.Equal(TimeSpan.FromHours(1), cloudEvent.Time!.Value.Offset);
        Assert.Equal("21.5", TestEvents.DataText(cloudEvent));
        Assert.Equal(["myext:String=v"], TestEvents.Extensions(cloudEvent));
    }

    [Fact]
    public void Decode_V5BinaryKnownExtension_Typed()
    {
        var result = Message("", null, [.. Required, ("mqttqos", "2")]).DecodeCloudEvent(MqttProtocolVersion.V500, extensionAttributes: MqttCloudEventAttributes.All);
        Assert.Equal(2, result.CloudEvent!["mqttqos"]);
        Assert.Null(result.CloudEvent.Data);
    }

    public static TheoryData<string[], string> InvalidBinary => new()
    {
        { ["specversion", "1.0"], "missing required attribute(s): id, source, type" },
        { ["specversion", "0.3", "id", "1", "source", "/s", "type", "t"], "unsupported specversion '0.3'" },
        { ["specversion", "1.0", "id", "1", "source", "/s", "type", "t", "time", "later"], "attribute 'time'" },
        { ["specversion", "1.0", "id", "1", "ce-id", "2", "source", "/s", "type", "t"], "attribute 'id' appears more than once" },
        { ["specversion", "1.0", "ce-specversion", "1.0", "id", "1", "source", "/s", "type", "t"], "attribute 'specversion' appears more than once" },
        { ["ce_specversion", "1.0", "id", "", "source", "/s", "type", "t"], "attribute 'id' is invalid: Value must be non-empty" },
    };

    [Theory]
    [MemberData(nameof(InvalidBinary))]
    public void Decode_V5BinaryInvalid_InvalidWithReason(string[] properties, string expected)
    {
        var result = Message("x", "text/plain", [.. properties.Chunk(2).Select(pair => (pair[0], pair[1]))]).DecodeCloudEvent(MqttProtocolVersion.V500);
        Assert.Equal(MqttCloudEventDecodeStatus.InvalidCloudEvent, result.Status);
        Assert.Equal(ContentMode.Binary, result.Mode);
        Assert.Contains(expected, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_V5PlainMessage_NotACloudEventWithReason()
    {
        var result = Message("{\"temp\":21}", "application/json", ("id", "1"), ("type", "t")).DecodeCloudEvent(MqttProtocolVersion.V500);
        Assert.Equal(MqttCloudEventDecodeStatus.NotACloudEvent, result.Status);
        Assert.Contains("no specversion user property", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_V5NoContentTypeJsonEvent_StructuredLikeV311()
    {
        var result = Message("""{"specversion":"1.0","id":"1","source":"/s","type":"t"}""").DecodeCloudEvent(MqttProtocolVersion.V500);
        Assert.Equal(MqttCloudEventDecodeStatus.CloudEvent, result.Status);
        Assert.Equal(ContentMode.Structured, result.Mode);
    }

    [Fact]
    public void Decode_V311JsonEvent_Structured()
    {
        var result = Message(""" {"id":"1","source":"/s","type":"t","specversion":"1.0","data":"x","datacontenttype":"text/plain"}""").DecodeCloudEvent(MqttProtocolVersion.V311);
        Assert.Equal(MqttCloudEventDecodeStatus.CloudEvent, result.Status);
        Assert.Equal("x", TestEvents.DataText(result.CloudEvent!));
    }

    [Fact]
    public void Decode_V311IgnoresContentTypeAndUserProperties()
    {
        var message = Message("plain", "application/cloudevents+json", Required);
        var result = message.DecodeCloudEvent(MqttProtocolVersion.V311);
        Assert.Equal(MqttCloudEventDecodeStatus.NotACloudEvent, result.Status);
    }

    [Theory]
    [InlineData("", "not a JSON object")]
    [InlineData("21.5", "not a JSON object")]
    [InlineData("[{\"specversion\":\"1.0\"}]", "not a JSON object")]
    [InlineData("{\"temp\":21,\"nested\":{\"specversion\":\"1.0\"}}", "no specversion member")]
    [InlineData("{\"temp\":", "not valid JSON")]
    public void Decode_V311NotAnEvent_NotACloudEventWithReason(string payload, string reason)
    {
        var result = Message(payload).DecodeCloudEvent(MqttProtocolVersion.V311);
        Assert.Equal(MqttCloudEventDecodeStatus.NotACloudEvent, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_V311JsonWithSpecVersionButInvalid_Invalid()
    {
        var result = Message("""{"specversion":"1.0","id":5}""").DecodeCloudEvent(MqttProtocolVersion.V311);
        Assert.Equal(MqttCloudEventDecodeStatus.InvalidCloudEvent, result.Status);
        Assert.Contains("Invalid token type 'Number' for CloudEvent attribute 'id'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_ValidAndNot_ReturnsEventOrReason()
    {
        Assert.True(Message("x", null, Required).TryDecodeCloudEvent(MqttProtocolVersion.V500, out var cloudEvent, out _));
        Assert.Equal("1", cloudEvent.Id);
        Assert.False(Message("x").TryDecodeCloudEvent(MqttProtocolVersion.V500, out _, out var reason));
        Assert.Contains("not a JSON object", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_V5Binary_UserPropertiesWithoutPrefixAndContentType()
    {
        var message = TestEvents.Full().ToMqttApplicationMessage(ContentMode.Binary, null, "out/topic");
        Assert.Equal("out/topic", message.Topic);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(TestEvents.Data(TestEvents.Full()), message.Payload.ToArray());
        Assert.Equal(
            ["specversion=1.0", "id=id-é 漢 %\"", "source=mqtt://broker:1883/sensors", "type=com.example.sensor.reading",
             "dataschema=https://example.com/schema.json", "subject=sensors/room 1/temperature", "time=2024-05-01T12:30:15.1234567+02:00",
             "mqttqos=1", "mqttretain=true", "mqtttopic=a/b"],
            message.UserProperties!.Select(property => $"{property.Name}={property.Value}"));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, "application/cloudevents+json")]
    [InlineData(MqttProtocolVersion.V311, null)]
    public void Encode_Structured_JsonPayloadAndContentTypeOnV5(MqttProtocolVersion version, string? contentType)
    {
        var message = TestEvents.Full().ToMqttApplicationMessage(ContentMode.Structured, RawJsonEventFormatter.Instance, "t", version);
        Assert.Equal(contentType, message.ContentType);
        Assert.Null(message.UserProperties);
        var result = message.DecodeCloudEvent(version);
        Assert.Equal(MqttCloudEventDecodeStatus.CloudEvent, result.Status);
        TestEvents.AssertEquivalent(TestEvents.Full(), result.CloudEvent!);
    }

    [Fact]
    public void Encode_V311Binary_Throws()
    {
        Assert.Throws<ArgumentException>(() => TestEvents.Minimal().ToMqttApplicationMessage(ContentMode.Binary, null, "t", MqttProtocolVersion.V311));
    }

    [Fact]
    public void Encode_InvalidEvent_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new CloudEvent().ToMqttApplicationMessage(ContentMode.Binary, null, "t"));
    }
}
