using System.Text;
using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Mqtt;
using MqttSource.Mqtt;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.CloudEvents.Mqtt.Tests;

/// <summary>The MQTT side of wrapping (PRODUCT.md §4.2), on the SDK's event type.</summary>
public sealed class MqttMessageWrappingTests
{
    private static readonly DateTimeOffset s_time = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly Uri s_source = new("/apis/v1/namespaces/edge/mqttsources/t", UriKind.Relative);

    private static MqttApplicationMessage Message(byte[] payload, string? contentType = null, params (string Name, string Value)[] properties) => new()
    {
        Topic = "sensors/kitchen/temperature",
        Payload = payload,
        ContentType = contentType,
        QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce,
        Retain = true,
        UserProperties = properties.Length == 0 ? null : [.. properties.Select(p => new MqttUserProperty(p.Name, p.Value))],
    };

    private static CloudEvent Wrap(MqttApplicationMessage message, string? defaultContentType = null) =>
        message.WrapInCloudEvent("id-1", s_source, "com.example.t", s_time, defaultContentType);

    [Fact]
    public void Wrap_Message_AttributesFromTheMessageAndTypedExtensions()
    {
        var payload = Encoding.UTF8.GetBytes("""{"celsius":21.50}""");

        var cloudEvent = Wrap(Message(payload, null, ("Device-Id", "d7"), ("unit", "C")));

        Assert.Equal("id-1", cloudEvent.Id);
        Assert.Equal(s_source, cloudEvent.Source);
        Assert.Equal("com.example.t", cloudEvent.Type);
        Assert.Equal("sensors/kitchen/temperature", cloudEvent.Subject);
        Assert.Equal(s_time, cloudEvent.Time);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Same(payload, cloudEvent.Data);
        Assert.Equal(["mqttdeviceid:String=d7", "mqttqos:Integer=2", "mqttretain:Boolean=true", "mqttunit:String=C"], TestEvents.Extensions(cloudEvent));
        Assert.True(cloudEvent.IsValid);
    }

    [Theory]
    [InlineData("text/plain", null, "x", "text/plain")]
    [InlineData(null, "text/csv", "x", "text/csv")]
    [InlineData(null, null, "[1,2]", "application/json")]
    [InlineData(null, null, "[1,2", "application/octet-stream")]
    [InlineData("xyz", "text/csv", "x", "text/csv")]
    [InlineData("xyz", null, "{}", "application/json")]
    public void Wrap_DataContentType_ContentTypeElseDefaultElseSniffedSkippingInvalidMediaTypes(string? contentType, string? defaultContentType, string payload, string expected)
    {
        var cloudEvent = Wrap(Message(Encoding.UTF8.GetBytes(payload), contentType), defaultContentType);

        Assert.Equal(expected, cloudEvent.DataContentType);
    }

    [Fact]
    public void Wrap_UserPropertiesClashingEmptyOrInvalid_FirstValidOneWins()
    {
        var cloudEvent = Wrap(Message([1], null, ("a-b", "first"), ("A_B", "second"), ("--", "no name"), ("qos", "x"), ("retain", "y"), ("bad", "tab\there"), ("BAD", "fine")));

        Assert.Equal(["mqttab:String=first", "mqttbad:String=fine", "mqttqos:Integer=2", "mqttretain:Boolean=true"], TestEvents.Extensions(cloudEvent));
    }

    [Fact]
    public void Wrap_NotRetainedQos0_NoRetainAndQosZero()
    {
        var message = Message([]);
        message.Retain = false;
        message.QualityOfServiceLevel = MqttQualityOfServiceLevel.AtMostOnce;

        var cloudEvent = Wrap(message);

        Assert.Equal(["mqttqos:Integer=0"], TestEvents.Extensions(cloudEvent));
        Assert.Equal("application/octet-stream", cloudEvent.DataContentType);
        Assert.Equal(Array.Empty<byte>(), cloudEvent.Data);
    }

    [Fact]
    public void Wrap_TopicWithControlCharacter_ThrowsNamingSubject()
    {
        var message = Message([1]);
        message.Topic = "a\u0001b";

        var error = Assert.ThrowsAny<ArgumentException>(() => Wrap(message));

        Assert.Contains("'subject'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Device-ID", "mqttdeviceid")]
    [InlineData("temp_°C", "mqtttempc")]
    [InlineData("MQTT", "mqttmqtt")]
    [InlineData("°", null)]
    [InlineData("qos", null)]
    [InlineData("Retain", null)]
    public void UserPropertyExtensionName_Name_LowerCasedAlphanumericOrNull(string propertyName, string? expected) =>
        Assert.Equal(expected, MqttCloudEventAttributes.UserPropertyExtensionName(propertyName));
}
