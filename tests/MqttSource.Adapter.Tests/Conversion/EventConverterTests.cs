using System.Text;
using MqttSource.Adapter.Conversion;
using MqttSource.Adapter.Tests.Support;
using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Json;
using MqttSource.CloudEvents.Mqtt;
using MqttSource.Mqtt;
using MqttSource.Testing.CloudEvents;
using static MqttSource.Adapter.Tests.Support.TestConverter;

namespace MqttSource.Adapter.Tests.Conversion;

/// <summary>PRODUCT.md §4, rule by rule, on the converter alone.</summary>
public sealed class EventConverterTests
{
    private static readonly DateTimeOffset s_received = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2));

    private static CloudEvent Wrap(EventConverter converter, MqttApplicationMessage message)
    {
        var result = converter.Convert(message, s_received);
        Assert.Equal(ConversionStatus.Wrapped, result.Status);
        return result.Event;
    }

    [Fact]
    public void Convert_PlainMessage_IdIsAFreshUuidV7()
    {
        var converter = Create();
        var ids = Enumerable.Range(0, 100).Select(_ => Wrap(converter, Message("a/b", "{}")).Id!).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, Guid.Parse(id).Version));
    }

    [Theory]
    [InlineData("msgid", "abc-123")]
    [InlineData("MsgId", null)] // names are case-sensitive: no such property, so a UUIDv7
    public void Convert_IdFromUserProperty_TakesThePropertyOrFallsBack(string propertyName, string? expected)
    {
        var converter = Create(""" "event": { "idFrom": "userProperty:msgid" } """);

        var ev = Wrap(converter, Message("a", "x", null, (propertyName, "abc-123")));

        if (expected is null)
        {
            Assert.Equal(7, Guid.Parse(ev.Id!).Version);
        }
        else
        {
            Assert.Equal(expected, ev.Id);
        }
    }

    [Theory]
    [InlineData("""{"meta":{"id":"m-42"}}""", "m-42")]
    [InlineData("""{"meta":{"id":42}}""", "42")]
    [InlineData("""{"meta":{"id":""}}""", null)]
    [InlineData("""{"meta":{"id":{"x":1}}}""", null)]
    [InlineData("""{"meta":{}}""", null)]
    [InlineData("not json", null)]
    public void Convert_IdFromJsonPointer_TakesTheValueOrFallsBackToUuidV7(string payload, string? expected)
    {
        var converter = Create(""" "event": { "idFrom": "json:/meta/id" } """);

        var ev = Wrap(converter, Message("a", payload));

        if (expected is null)
        {
            Assert.Equal(7, Guid.Parse(ev.Id!).Version);
        }
        else
        {
            Assert.Equal(expected, ev.Id);
        }
    }

    [Fact]
    public void Convert_IdFromJsonPointerWithEscapes_FollowsRfc6901()
    {
        var converter = Create(""" "event": { "idFrom": "json:/a~1b/c~0d/1" } """);

        var ev = Wrap(converter, Message("a", """{"a/b":{"c~d":["zero","one"]}}"""));

        Assert.Equal("one", ev.Id);
    }

    [Fact]
    public void Convert_StandaloneWithoutSource_SourceIsTheBrokerUrl()
    {
        Assert.Equal("mqtt://broker.test:1883", Wrap(Create(), Message("a", "x")).Source!.OriginalString);
    }

    [Fact]
    public void Convert_KubernetesWithoutSource_SourceIsTheResourcePath()
    {
        var ev = Wrap(Create(name: "telemetry", @namespace: "edge"), Message("a", "x"));

        Assert.Equal("/apis/v1/namespaces/edge/mqttsources/telemetry", ev.Source!.OriginalString);
    }

    [Fact]
    public void Convert_ExplicitSource_UsesIt()
    {
        var ev = Wrap(Create(""" "event": { "source": "urn:plant:7" } """), Message("a", "x"));

        Assert.Equal("urn:plant:7", ev.Source!.OriginalString);
    }

    [Theory]
    [InlineData("sensors/k1/temperature", "com.example.temperature")] // first matching filter with a type
    [InlineData("sensors/k1/humidity", "com.example.any")] // the first match has no type → the next matching one with a type
    [InlineData("other/topic", "com.example.default")] // no match → event.type
    [InlineData("sensor/k1/temperature", "com.example.default")] // filters match whole levels only
    public void Convert_TypeByTopic_FirstMatchingFilterElseEventType(string topic, string expected)
    {
        const string Topics = """
            [
              { "filter": "sensors/+/temperature", "type": "com.example.temperature" },
              { "filter": "sensors/+/humidity" },
              { "filter": "sensors/#", "type": "com.example.any" },
              { "filter": "other/#" }
            ]
            """;
        var converter = Create(""" "event": { "type": "com.example.default" } """, topics: Topics);

        Assert.Equal(expected, Wrap(converter, Message(topic, "x")).Type);
    }

    [Fact]
    public void Convert_NoTypeAnywhere_DefaultType()
    {
        Assert.Equal("dev.knative.mqtt.event", Wrap(Create(), Message("a", "x")).Type);
    }

    [Fact]
    public void Convert_WildcardSubscription_SubjectIsTheActualTopic()
    {
        Assert.Equal("sensors/k1/temperature", Wrap(Create(), Message("sensors/k1/temperature", "x")).Subject);
    }

    [Fact]
    public void Convert_Always_TimeIsTheReceiveTimeInUtc()
    {
        var ev = Wrap(Create(), Message("a", "x"));

        Assert.Equal(s_received, ev.Time);
        Assert.Equal(TimeSpan.Zero, ev.Time!.Value.Offset);
    }

    [Theory]
    [InlineData("{\"t\":21.5}", "text/x-custom", "", "text/x-custom")] // MQTT 5 Content Type wins
    [InlineData("{\"t\":21.5}", null, "application/x-default", "application/x-default")] // then event.dataContentType
    [InlineData("{\"t\":21.5}", null, "", "application/json")] // then JSON detection
    [InlineData("[1,2,3]", null, "", "application/json")]
    [InlineData("42", null, "", "application/json")]
    [InlineData("\"text\"", null, "", "application/json")]
    [InlineData("hello world", null, "", "application/octet-stream")]
    [InlineData("{\"t\":", null, "", "application/octet-stream")] // truncated JSON
    [InlineData("", null, "", "application/octet-stream")] // empty payload
    public void Convert_DataContentType_FollowsThePrecedence(string payload, string? contentType, string defaultType, string expected)
    {
        var converter = Create(defaultType.Length > 0 ? $$""" "event": { "dataContentType": "{{defaultType}}" } """ : "");

        Assert.Equal(expected, Wrap(converter, Message("a", payload, contentType)).DataContentType);
    }

    [Fact]
    public void Convert_InvalidUtf8_OctetStreamAndBytesVerbatim()
    {
        byte[] payload = [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0xFF, 0x00]; // {"\xC3(" } — looks like JSON, is not UTF-8
        var ev = Wrap(Create(), Message("a", payload));

        Assert.Equal("application/octet-stream", ev.DataContentType);
        Assert.Equal(payload, TestEvents.Data(ev));
    }

    [Theory]
    [InlineData(MqttQualityOfServiceLevel.AtMostOnce, 0)]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce, 1)]
    [InlineData(MqttQualityOfServiceLevel.ExactlyOnce, 2)]
    public void Convert_Qos_MqttQosExtension(MqttQualityOfServiceLevel qos, int expected)
    {
        var message = Message("a", "x");
        message.QualityOfServiceLevel = qos;

        Assert.Equal(expected, Wrap(Create(), message)["mqttqos"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Convert_Retain_MqttRetainOnlyWhenTrue(bool retain)
    {
        var message = Message("a", "x");
        message.Retain = retain;

        var ev = Wrap(Create(), message);

        Assert.Equal(retain ? true : null, ev["mqttretain"]);
    }

    [Theory]
    [InlineData("device", "mqttdevice")]
    [InlineData("Device-ID", "mqttdeviceid")]
    [InlineData("Zone_2", "mqttzone2")]
    [InlineData("éA1 b", "mqtta1b")]
    public void Convert_UserProperty_BecomesMqttExtensionLowerCasedAlphanumeric(string name, string extension)
    {
        var ev = Wrap(Create(), Message("a", "x", null, (name, "value-1")));

        Assert.Equal("value-1", ev[extension]);
    }

    [Theory]
    [InlineData("---")] // nothing left
    [InlineData("é")]
    [InlineData("qos")] // clashes with mqttqos, set by the adapter
    [InlineData("Retain")] // clashes with mqttretain
    public void Convert_UserPropertyEmptyOrClashing_Dropped(string name)
    {
        var message = Message("a", "x", null, (name, "evil"));
        var ev = Wrap(Create(), message);

        Assert.Equal(1, ev["mqttqos"]);
        Assert.Null(ev["mqttretain"]);
        Assert.DoesNotContain(ev.ExtensionAttributes, a => ev[a] is "evil");
    }

    [Fact]
    public void Convert_TwoUserPropertiesSameExtension_FirstWins()
    {
        var ev = Wrap(Create(), Message("a", "x", null, ("Device", "first"), ("device", "second"), ("de-vice", "third")));

        Assert.Equal("first", ev["mqttdevice"]);
    }

    [Fact]
    public void Convert_UserPropertyClashingWithOverride_OverrideWins()
    {
        var converter = Create(""" "ceOverrides": { "extensions": { "mqttzone": "from-override", "region": "eu-west" } } """);

        var ev = Wrap(converter, Message("a", "x", null, ("zone", "from-message")));

        Assert.Equal("from-override", ev["mqttzone"]);
        Assert.Equal("eu-west", ev["region"]);
    }

    [Fact]
    public void Convert_OverrideOfAdapterExtension_AppliedLast()
    {
        var converter = Create(""" "ceOverrides": { "extensions": { "mqttqos": "overridden" } } """);

        var ev = Wrap(converter, Message("a", "x"));

        Assert.Equal("overridden", ev["mqttqos"]?.ToString());
    }

    [Fact]
    public void Convert_Payload_DataIsTheBytesVerbatim()
    {
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        Assert.Equal(payload, TestEvents.Data(Wrap(Create(), Message("a", payload))));
    }

    private static CloudEvent SampleEvent() => new()
    {
        Id = "evt-1",
        Source = new Uri("urn:sample"),
        Type = "com.example.sample",
        Subject = "s",
        DataContentType = "application/json",
        Data = Encoding.UTF8.GetBytes("""{"v":1}"""),
        ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };

    private static void AssertPassedThrough(ConversionResult result, CloudEvent expected)
    {
        Assert.Equal(ConversionStatus.PassedThrough, result.Status);
        var ev = result.Event;
        Assert.Equal(expected.Id, ev.Id);
        Assert.Equal(expected.Source, ev.Source);
        Assert.Equal(expected.Type, ev.Type);
        Assert.Equal(expected.Subject, ev.Subject);
        Assert.Equal(expected.DataContentType, ev.DataContentType);
        Assert.Equal(TestEvents.Data(expected), TestEvents.Data(ev));
        Assert.Equal(expected["traceparent"], ev["traceparent"]);
        Assert.Null(ev["mqttqos"]); // forwarded unchanged: no wrapping extensions
    }

    [Fact]
    public void Convert_Mqtt5Structured_PassedThroughUnchanged()
    {
        var expected = SampleEvent();
        var message = expected.ToMqttApplicationMessage(ContentMode.Structured, RawJsonEventFormatter.Instance, "a/b");

        AssertPassedThrough(Create().Convert(message, s_received), expected);
    }

    [Fact]
    public void Convert_Mqtt5Binary_PassedThroughUnchanged()
    {
        var expected = SampleEvent();
        var message = expected.ToMqttApplicationMessage(ContentMode.Binary, RawJsonEventFormatter.Instance, "a/b");

        AssertPassedThrough(Create().Convert(message, s_received), expected);
    }

    [Theory]
    [InlineData("ce-")]
    [InlineData("ce_")]
    public void Convert_Mqtt5BinaryWithPrefixedNames_PassedThrough(string prefix)
    {
        var message = Message("a/b", """{"v":1}""", "application/json",
            (prefix + "specversion", "1.0"), (prefix + "id", "evt-1"), (prefix + "source", "urn:sample"), (prefix + "type", "com.example.sample"), (prefix + "subject", "s"));

        var result = Create().Convert(message, s_received);

        Assert.Equal(ConversionStatus.PassedThrough, result.Status);
        Assert.Equal("evt-1", result.Event.Id);
        Assert.Equal("urn:sample", result.Event.Source!.OriginalString);
        Assert.Equal("com.example.sample", result.Event.Type);
        Assert.Equal("s", result.Event.Subject);
        Assert.Equal("application/json", result.Event.DataContentType);
        Assert.Equal("""{"v":1}""", TestEvents.DataText(result.Event));
    }

    [Fact]
    public void Convert_Mqtt311StructuredJson_PassedThrough()
    {
        var expected = SampleEvent();
        var message = expected.ToMqttApplicationMessage(ContentMode.Structured, RawJsonEventFormatter.Instance, "a/b", MqttProtocolVersion.V311);

        AssertPassedThrough(Create(broker: """{ "url": "mqtt://broker.test:1883", "protocolVersion": "3.1.1" }""").Convert(message, s_received), expected);
    }

    [Fact]
    public void Convert_PassthroughWithOverrides_OverridesApplied()
    {
        var converter = Create(""" "ceOverrides": { "extensions": { "region": "eu-west" } } """);
        var message = SampleEvent().ToMqttApplicationMessage(ContentMode.Binary, RawJsonEventFormatter.Instance, "a/b");

        var result = converter.Convert(message, s_received);

        Assert.Equal(ConversionStatus.PassedThrough, result.Status);
        Assert.Equal("eu-west", result.Event["region"]);
        Assert.Equal("evt-1", result.Event.Id);
    }

    [Fact]
    public void Convert_PassthroughNever_CloudEventIsWrapped()
    {
        var converter = Create(""" "event": { "passthrough": "never" } """);
        var message = SampleEvent().ToMqttApplicationMessage(ContentMode.Structured, RawJsonEventFormatter.Instance, "a/b");

        var ev = Wrap(converter, message);

        Assert.NotEqual("evt-1", ev.Id);
        Assert.Equal("application/cloudevents+json", ev.DataContentType);
        Assert.Equal(message.Payload.ToArray(), TestEvents.Data(ev));
    }

    [Theory]
    [InlineData("""{"temperature":21}""")] // no CloudEvents attributes at all
    [InlineData("""{"specversion":"1.0","source":"urn:x","type":"t"}""")] // no id
    [InlineData("""{"specversion":"0.1","id":"1","source":"urn:x","type":"t"}""")] // unknown spec version
    [InlineData("not json")]
    public void Convert_CloudEventsContentTypeButInvalid_InvalidCloudEventWithReason(string payload)
    {
        var message = Message("a/b", payload, "application/cloudevents+json");

        var result = Create().Convert(message, s_received);

        Assert.Equal(ConversionStatus.InvalidCloudEvent, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Error));
        Assert.Equal(message.Payload.ToArray(), TestEvents.Data(result.Event)); // the wrapped message, for the dead-letter sink
        Assert.Equal("a/b", result.Event.Subject);
    }

    [Fact]
    public void Convert_BinaryModeMissingId_InvalidCloudEvent()
    {
        var message = Message("a/b", "x", null, ("specversion", "1.0"), ("source", "urn:x"), ("type", "t"));

        Assert.Equal(ConversionStatus.InvalidCloudEvent, Create().Convert(message, s_received).Status);
    }
}
