using MqttSource.Apis.Settings;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Status;
using MqttSource.Apis.Validation;
using Xunit;

namespace MqttSource.Apis.Tests.Settings;

public sealed class MqttSourceSettingsTests
{
    private static readonly MqttSourceSettings Defaults = MqttSourceSettings.Resolve(Specs.Minimal, "telemetry", "edge");

    [Fact]
    public void Resolve_MinimalSpec_AppliesEveryDefault()
    {
        var s = Defaults;

        Assert.Equal("telemetry", s.Name);
        Assert.Equal("edge", s.Namespace);
        Assert.Equal(new BrokerAddress("mosquitto.edge.svc", 1883, false), s.Broker);
        Assert.Equal(BrokerProtocolVersion.V5, s.ProtocolVersion);
        Assert.Equal("edge.telemetry", s.ClientId);
        Assert.Equal(TimeSpan.FromSeconds(30), s.KeepAlive);
        Assert.True(s.SessionPersistent);
        Assert.Equal(TimeSpan.FromHours(1), s.SessionExpiry);
        Assert.Equal(3600u, s.SessionExpiryInterval);
        Assert.Null(s.Auth);
        Assert.Null(s.Tls);
        Assert.Equal("mosquitto.edge.svc", s.TlsServerName);
        Assert.Equal([new TopicSettings("sensors/#", "sensors/#", 1, null)], s.Topics);
        Assert.Null(s.SharedGroup);
        Assert.Equal(1, s.Replicas);
        Assert.Equal("dev.knative.mqtt.event", s.EventType);
        Assert.Equal("/apis/v1/namespaces/edge/mqttsources/telemetry", s.EventSource);
        Assert.Equal(EventContentMode.Binary, s.ContentMode);
        Assert.Null(s.DataContentType);
        Assert.Equal(PassthroughMode.Auto, s.Passthrough);
        Assert.Null(s.IdFrom);
        Assert.Equal(DeliveryOrdering.Ordered, s.Ordering);
        Assert.Equal(16, s.Parallelism);
        Assert.Equal(new DeliverySettings(null, DeliveryBackoffPolicy.Exponential, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), null), s.Delivery);
        Assert.Empty(s.CeExtensions);
        Assert.Equal(Specs.Minimal.Sink, s.Sink);
        Assert.Null(s.Adapter);
    }

    [Fact]
    public void Resolve_ProductExample_EmptyStringsMeanDefaults()
    {
        var s = MqttSourceSettings.Resolve(MqttSourceSpec.FromJson(Specs.ExampleJson.Replace("mqtt://", "mqtts://", StringComparison.Ordinal)), "telemetry", "edge");

        Assert.Equal(new BrokerAddress("mosquitto.edge.svc", 1883, true), s.Broker);
        Assert.Equal("edge.telemetry", s.ClientId);
        Assert.Equal("mosquitto.edge.svc", s.TlsServerName);
        Assert.Null(s.SharedGroup);
        Assert.Equal("/apis/v1/namespaces/edge/mqttsources/telemetry", s.EventSource);
        Assert.Null(s.DataContentType);
        Assert.Null(s.IdFrom);
        Assert.Equal("eu-west", s.CeExtensions["region"]);
        Assert.Equal("dead-letters", s.Delivery.DeadLetterSink!.Ref!.Name);
    }

    [Fact]
    public void Resolve_EverythingSet_TakesTheSpecValues()
    {
        var spec = new MqttSourceSpec
        {
            Broker = new BrokerSpec
            {
                Url = "mqtts://broker.example.com:8884",
                ProtocolVersion = "3.1.1",
                ClientId = "gw",
                KeepAlive = "1m",
                Session = new SessionSpec { Persistent = false, Expiry = "2h" },
                Tls = new TlsSpec { ServerName = "sni.example.com" },
            },
            Topics = [new TopicSpec { Filter = "a/+", Qos = 2, Type = "t.a" }, new TopicSpec { Filter = "b/#", Qos = 0 }],
            SharedGroup = "g1",
            Replicas = 3,
            Event = new EventSpec { Type = "t.default", Source = "urn:x", ContentMode = "structured", DataContentType = "text/plain", Passthrough = "never", IdFrom = "json:/id" },
            Ordering = "unordered",
            Parallelism = 100,
            Delivery = new DeliverySpec { Retry = 3, BackoffPolicy = "linear", BackoffDelay = "PT1S", Timeout = "PT5S" },
            CeOverrides = new CeOverrides { Extensions = new Dictionary<string, string> { ["site"] = "a" } },
            Sink = new Destination { Uri = "http://sink" },
        };

        var s = MqttSourceSettings.Resolve(spec, "telemetry", "edge");

        Assert.Equal(new BrokerAddress("broker.example.com", 8884, true), s.Broker);
        Assert.Equal(BrokerProtocolVersion.V311, s.ProtocolVersion);
        Assert.Equal("gw", s.ClientId);
        Assert.Equal("gw-2", s.ClientIdForReplica(2));
        Assert.Equal(TimeSpan.FromMinutes(1), s.KeepAlive);
        Assert.False(s.SessionPersistent);
        Assert.Equal(TimeSpan.FromHours(2), s.SessionExpiry);
        Assert.Equal(0u, s.SessionExpiryInterval);
        Assert.Equal("sni.example.com", s.TlsServerName);
        Assert.Equal([new TopicSettings("a/+", "$share/g1/a/+", 2, "t.a"), new TopicSettings("b/#", "$share/g1/b/#", 0, null)], s.Topics);
        Assert.Equal("g1", s.SharedGroup);
        Assert.Equal(3, s.Replicas);
        Assert.Equal("t.default", s.EventType);
        Assert.Equal("urn:x", s.EventSource);
        Assert.Equal(EventContentMode.Structured, s.ContentMode);
        Assert.Equal("text/plain", s.DataContentType);
        Assert.Equal(PassthroughMode.Never, s.Passthrough);
        Assert.Equal(new IdSource(IdSourceKind.JsonPointer, "/id"), s.IdFrom);
        Assert.Equal(DeliveryOrdering.Unordered, s.Ordering);
        Assert.Equal(100, s.Parallelism);
        Assert.Equal(new DeliverySettings(3, DeliveryBackoffPolicy.Linear, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), null), s.Delivery);
        Assert.Equal("a", s.CeExtensions["site"]);
    }

    [Theory]
    [InlineData("mqtt://h", "h", 1883, false)]
    [InlineData("mqtts://h", "h", 8883, true)]
    [InlineData("mqtt://h:8883", "h", 8883, false)]
    [InlineData("mqtts://h:1883", "h", 1883, true)]
    [InlineData("mqtt://10.1.2.3", "10.1.2.3", 1883, false)]
    [InlineData("mqtts://[fe80::1]", "fe80::1", 8883, true)]
    [InlineData("MQTT://Broker.Local", "broker.local", 1883, false)]
    public void Resolve_BrokerUrl_PortDefaultsByScheme(string url, string host, int port, bool tls)
    {
        var s = MqttSourceSettings.Resolve(Specs.Minimal with { Broker = new BrokerSpec { Url = url } }, "n", "ns");

        Assert.Equal(new BrokerAddress(host, port, tls), s.Broker);
    }

    [Theory]
    [InlineData("mqtt://mosquitto.local", "mqtt://mosquitto.local:1883")]
    [InlineData("mqtts://mosquitto.local", "mqtts://mosquitto.local:8883")]
    [InlineData("mqtt://10.0.0.1:1999", "mqtt://10.0.0.1:1999")]
    [InlineData("mqtt://[::1]", "mqtt://[::1]:1883")]
    public void Resolve_StandaloneWithoutNamespace_SourceIsBrokerHostAndPort(string url, string source)
    {
        var spec = Specs.Minimal with { Broker = new BrokerSpec { Url = url }, Sink = null };

        var s = MqttSourceSettings.Resolve(spec, "gateway1.telemetry", null);

        Assert.Equal(source, s.EventSource);
        Assert.Equal("gateway1.telemetry", s.ClientId);
        Assert.Null(s.Namespace);
        Assert.Null(s.Sink);
    }

    [Fact]
    public void Resolve_StandaloneModeWithRefSink_Throws()
    {
        var e = Assert.Throws<MqttSourceValidationException>(() =>
            MqttSourceSettings.Resolve(Specs.Minimal, "t", null, ValidationMode.Standalone));

        Assert.Equal(["spec.sink.ref"], e.Errors.Select(x => x.Path));
    }

    [Fact]
    public void Resolve_InvalidSpec_ThrowsWithAllErrors()
    {
        var e = Assert.Throws<MqttSourceValidationException>(() =>
            MqttSourceSettings.Resolve(Specs.Minimal with { Topics = [], Parallelism = 5000 }, "t", "edge"));

        Assert.Equal(["spec.topics", "spec.parallelism"], e.Errors.Select(x => x.Path));
    }

    [Theory]
    [InlineData(0, "edge.telemetry-0")]
    [InlineData(1, "edge.telemetry-1")]
    [InlineData(12, "edge.telemetry-12")]
    public void ClientIdForReplica_Ordinal_AppendsIt(int ordinal, string clientId)
    {
        Assert.Equal(clientId, Defaults.ClientIdForReplica(ordinal));
    }

    [Fact]
    public void ClientIdForReplica_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Defaults.ClientIdForReplica(-1));
    }

    [Theory]
    [InlineData("sensors/kitchen/temperature", "com.example.sensor.temperature")]
    [InlineData("sensors/kitchen/humidity", "com.example.sensor.humidity")]
    [InlineData("sensors/kitchen/pressure", "com.example.sensor")]
    [InlineData("sensors/kitchen/temperature/raw", "com.example.sensor")]
    [InlineData("alarms/fire", "com.example.alarm")]
    [InlineData("alarms", "com.example.alarm")]
    [InlineData("other", "dev.knative.mqtt.event")]
    [InlineData("$SYS/broker/uptime", "dev.knative.mqtt.event")]
    public void TypeForTopic_Topic_FirstMatchingEntryWithTypeElseDefault(string topic, string type)
    {
        var spec = Specs.Minimal with
        {
            Topics =
            [
                new TopicSpec { Filter = "sensors/+/temperature", Type = "com.example.sensor.temperature" },
                new TopicSpec { Filter = "sensors/+/humidity", Type = "com.example.sensor.humidity" },
                new TopicSpec { Filter = "sensors/+/+" }, // no type: skipped, so the next match decides
                new TopicSpec { Filter = "sensors/#", Type = "com.example.sensor" },
                new TopicSpec { Filter = "alarms/#", Type = "com.example.alarm" },
                new TopicSpec { Filter = "#" },
            ],
            SharedGroup = "g",
        };

        Assert.Equal(type, MqttSourceSettings.Resolve(spec, "telemetry", "edge").TypeForTopic(topic));
    }

    [Fact]
    public void CeAttributes_TopicTypesAndUntypedTopic_OnePerDistinctTypeDefaultLast()
    {
        var spec = Specs.Minimal with
        {
            Topics =
            [
                new TopicSpec { Filter = "a", Type = "t.a" },
                new TopicSpec { Filter = "b" },
                new TopicSpec { Filter = "c", Type = "t.a" },
                new TopicSpec { Filter = "d", Type = "t.d" },
            ],
        };

        var attributes = MqttSourceSettings.Resolve(spec, "telemetry", "edge").CeAttributes();

        const string source = "/apis/v1/namespaces/edge/mqttsources/telemetry";
        Assert.Equal(
            [
                new CloudEventAttributes { Type = "t.a", Source = source },
                new CloudEventAttributes { Type = "dev.knative.mqtt.event", Source = source },
                new CloudEventAttributes { Type = "t.d", Source = source },
            ],
            attributes);
    }

    [Fact]
    public void CeAttributes_EveryTopicTyped_LeavesOutUnreachableDefault()
    {
        var spec = Specs.Minimal with { Topics = [new TopicSpec { Filter = "a", Type = "t.a" }], Event = new EventSpec { Source = "urn:s" } };

        Assert.Equal([new CloudEventAttributes { Type = "t.a", Source = "urn:s" }], MqttSourceSettings.Resolve(spec, "n", "ns").CeAttributes());
    }

    [Fact]
    public void CeAttributes_Defaults_IsDefaultTypeAndSource()
    {
        Assert.Equal([new CloudEventAttributes { Type = "dev.knative.mqtt.event", Source = "/apis/v1/namespaces/edge/mqttsources/telemetry" }], Defaults.CeAttributes());
    }

    [Theory]
    [InlineData("userProperty:msgid", IdSourceKind.UserProperty, "msgid")]
    [InlineData("userProperty:a:b", IdSourceKind.UserProperty, "a:b")]
    [InlineData("json:/id", IdSourceKind.JsonPointer, "/id")]
    [InlineData("json:/a/0/b~1c", IdSourceKind.JsonPointer, "/a/0/b~1c")]
    public void IdSourceTryParse_ValidText_Parses(string text, IdSourceKind kind, string value)
    {
        Assert.True(IdSource.TryParse(text, out var id, out var error));
        Assert.Null(error);
        Assert.Equal(new IdSource(kind, value), id);
    }

    [Fact]
    public void IdSourcePointerTokens_EscapedPointer_Unescapes()
    {
        Assert.Equal(["a", "0", "b/c", "d~e", ""], new IdSource(IdSourceKind.JsonPointer, "/a/0/b~1c/d~0e/").PointerTokens());
    }
}
