using MqttSource.Apis.Spec;
using MqttSource.Apis.Validation;
using Xunit;

namespace MqttSource.Apis.Tests.Validation;

public sealed class MqttSourceValidatorTests
{
    private static readonly MqttSourceSpec Base = Specs.Minimal;

    /// <summary>Each rule broken on its own: the change to a valid spec and the one field path it must name.</summary>
    private static readonly Dictionary<string, (Func<MqttSourceSpec, MqttSourceSpec> Change, string Path)> Invalid = new()
    {
        ["broker missing"] = (s => s with { Broker = null }, "spec.broker"),
        ["url missing"] = (s => s with { Broker = new BrokerSpec() }, "spec.broker.url"),
        ["url blank"] = (s => Url(s, " "), "spec.broker.url"),
        ["url relative"] = (s => Url(s, "mosquitto:1883"), "spec.broker.url"),
        ["url no scheme"] = (s => Url(s, "//mosquitto:1883"), "spec.broker.url"),
        ["url http"] = (s => Url(s, "http://mosquitto"), "spec.broker.url"),
        ["url ws"] = (s => Url(s, "ws://mosquitto:8080"), "spec.broker.url"),
        ["url no host"] = (s => Url(s, "mqtt://"), "spec.broker.url"),
        ["url no host with port"] = (s => Url(s, "mqtt://:1883"), "spec.broker.url"),
        ["url credentials"] = (s => Url(s, "mqtt://user:pw@mosquitto"), "spec.broker.url"),
        ["url path"] = (s => Url(s, "mqtt://mosquitto/topic"), "spec.broker.url"),
        ["url query"] = (s => Url(s, "mqtt://mosquitto?x=1"), "spec.broker.url"),
        ["url port 0"] = (s => Url(s, "mqtt://mosquitto:0"), "spec.broker.url"),
        ["url port 65536"] = (s => Url(s, "mqtt://mosquitto:65536"), "spec.broker.url"),
        ["url port text"] = (s => Url(s, "mqtt://mosquitto:abc"), "spec.broker.url"),
        ["protocolVersion 4"] = (s => Broker(s, b => b with { ProtocolVersion = "4" }), "spec.broker.protocolVersion"),
        ["protocolVersion 5.0"] = (s => Broker(s, b => b with { ProtocolVersion = "5.0" }), "spec.broker.protocolVersion"),
        ["clientId NUL"] = (s => Broker(s, b => b with { ClientId = "a\0b" }), "spec.broker.clientId"),
        ["clientId too long"] = (s => Broker(s, b => b with { ClientId = new string('c', 65520) }), "spec.broker.clientId"),
        ["keepAlive no unit"] = (s => Broker(s, b => b with { KeepAlive = "30" }), "spec.broker.keepAlive"),
        ["keepAlive ISO"] = (s => Broker(s, b => b with { KeepAlive = "PT30S" }), "spec.broker.keepAlive"),
        ["keepAlive zero"] = (s => Broker(s, b => b with { KeepAlive = "0s" }), "spec.broker.keepAlive"),
        ["keepAlive negative"] = (s => Broker(s, b => b with { KeepAlive = "-5s" }), "spec.broker.keepAlive"),
        ["keepAlive fraction"] = (s => Broker(s, b => b with { KeepAlive = "1.5s" }), "spec.broker.keepAlive"),
        ["keepAlive over 65535s"] = (s => Broker(s, b => b with { KeepAlive = "18h12m16s" }), "spec.broker.keepAlive"),
        ["expiry bad"] = (s => Broker(s, b => b with { Session = new SessionSpec { Expiry = "1 hour" } }), "spec.broker.session.expiry"),
        ["expiry zero"] = (s => Broker(s, b => b with { Session = new SessionSpec { Expiry = "0" } }), "spec.broker.session.expiry"),
        ["expiry over 2^32-1 s"] = (s => Broker(s, b => b with { Session = new SessionSpec { Expiry = "4294967296s" } }), "spec.broker.session.expiry"),
        ["username without secretKeyRef"] = (s => Auth(s, new AuthSpec { Username = new SecretKeySelector() }), "spec.broker.auth.username.secretKeyRef"),
        ["password secret name missing"] = (s => Auth(s, new AuthSpec { Username = Specs.Secret("c", "u"), Password = Specs.Secret("", "p") }), "spec.broker.auth.password.secretKeyRef.name"),
        ["password secret name upper case"] = (s => Auth(s, new AuthSpec { Username = Specs.Secret("c", "u"), Password = Specs.Secret("Creds", "p") }), "spec.broker.auth.password.secretKeyRef.name"),
        ["username secret key missing"] = (s => Auth(s, new AuthSpec { Username = Specs.Secret("c", null!) }), "spec.broker.auth.username.secretKeyRef.key"),
        ["username secret key slash"] = (s => Auth(s, new AuthSpec { Username = Specs.Secret("c", "a/b") }), "spec.broker.auth.username.secretKeyRef.key"),
        ["password alone on 3.1.1"] = (s => Auth(s, new AuthSpec { Password = Specs.Secret("c", "p") }) is var t ? Broker(t, b => b with { ProtocolVersion = "3.1.1" }) : t, "spec.broker.auth.username"),
        ["tls on mqtt://"] = (s => Broker(s, b => b with { Tls = new TlsSpec { CaCert = Specs.Secret("t", "ca.crt") } }), "spec.broker.tls"),
        ["tls clientCert without key"] = (s => Tls(s, new TlsSpec { ClientCert = Specs.Secret("t", "tls.crt") }), "spec.broker.tls.clientKey"),
        ["tls clientKey without cert"] = (s => Tls(s, new TlsSpec { ClientKey = Specs.Secret("t", "tls.key") }), "spec.broker.tls.clientCert"),
        ["tls caCert without ref"] = (s => Tls(s, new TlsSpec { CaCert = new SecretKeySelector() }), "spec.broker.tls.caCert.secretKeyRef"),
        ["tls serverName bad"] = (s => Tls(s, new TlsSpec { ServerName = "not a host" }), "spec.broker.tls.serverName"),
        ["topics missing"] = (s => s with { Topics = null }, "spec.topics"),
        ["topics empty"] = (s => s with { Topics = [] }, "spec.topics"),
        ["topic null"] = (s => s with { Topics = [null!] }, "spec.topics[0]"),
        ["filter missing"] = (s => Topic(s, new TopicSpec()), "spec.topics[1].filter"),
        ["filter empty"] = (s => Topic(s, new TopicSpec { Filter = "" }), "spec.topics[1].filter"),
        ["filter # not last"] = (s => Topic(s, new TopicSpec { Filter = "a/#/b" }), "spec.topics[1].filter"),
        ["filter # in level"] = (s => Topic(s, new TopicSpec { Filter = "a/b#" }), "spec.topics[1].filter"),
        ["filter + in level"] = (s => Topic(s, new TopicSpec { Filter = "a/b+/c" }), "spec.topics[1].filter"),
        ["filter NUL"] = (s => Topic(s, new TopicSpec { Filter = "a/\0" }), "spec.topics[1].filter"),
        ["filter over 65535 bytes"] = (s => Topic(s, new TopicSpec { Filter = new string('é', 32768) }), "spec.topics[1].filter"),
        ["filter $share"] = (s => Topic(s, new TopicSpec { Filter = "$share/g/a" }), "spec.topics[1].filter"),
        ["filter duplicate"] = (s => Topic(s, new TopicSpec { Filter = "sensors/#", Qos = 2 }), "spec.topics[1].filter"),
        ["qos 3"] = (s => Topic(s, new TopicSpec { Filter = "a", Qos = 3 }), "spec.topics[1].qos"),
        ["qos -1"] = (s => Topic(s, new TopicSpec { Filter = "a", Qos = -1 }), "spec.topics[1].qos"),
        ["topic type empty"] = (s => Topic(s, new TopicSpec { Filter = "a", Type = "" }), "spec.topics[1].type"),
        ["topic type blank"] = (s => Topic(s, new TopicSpec { Filter = "a", Type = "  " }), "spec.topics[1].type"),
        ["sharedGroup slash"] = (s => s with { SharedGroup = "a/b" }, "spec.sharedGroup"),
        ["sharedGroup plus"] = (s => s with { SharedGroup = "a+" }, "spec.sharedGroup"),
        ["sharedGroup hash"] = (s => s with { SharedGroup = "#" }, "spec.sharedGroup"),
        ["replicas 0"] = (s => s with { Replicas = 0 }, "spec.replicas"),
        ["replicas 2 without sharedGroup"] = (s => s with { Replicas = 2 }, "spec.replicas"),
        ["replicas 2 with empty sharedGroup"] = (s => s with { Replicas = 2, SharedGroup = "" }, "spec.replicas"),
        ["event type empty"] = (s => Event(s, new EventSpec { Type = "" }), "spec.event.type"),
        ["event source with space"] = (s => Event(s, new EventSpec { Source = "/a b" }), "spec.event.source"),
        ["event source bad absolute"] = (s => Event(s, new EventSpec { Source = "http://[bad" }), "spec.event.source"),
        ["contentMode Binary"] = (s => Event(s, new EventSpec { ContentMode = "Binary" }), "spec.event.contentMode"),
        ["contentMode batch"] = (s => Event(s, new EventSpec { ContentMode = "batch" }), "spec.event.contentMode"),
        ["dataContentType no slash"] = (s => Event(s, new EventSpec { DataContentType = "json" }), "spec.event.dataContentType"),
        ["passthrough always"] = (s => Event(s, new EventSpec { Passthrough = "always" }), "spec.event.passthrough"),
        ["idFrom unknown kind"] = (s => Event(s, new EventSpec { IdFrom = "header:x" }), "spec.event.idFrom"),
        ["idFrom userProperty empty"] = (s => Event(s, new EventSpec { IdFrom = "userProperty:" }), "spec.event.idFrom"),
        ["idFrom json without slash"] = (s => Event(s, new EventSpec { IdFrom = "json:id" }), "spec.event.idFrom"),
        ["idFrom json empty"] = (s => Event(s, new EventSpec { IdFrom = "json:" }), "spec.event.idFrom"),
        ["idFrom json bad escape"] = (s => Event(s, new EventSpec { IdFrom = "json:/a~2" }), "spec.event.idFrom"),
        ["ordering random"] = (s => s with { Ordering = "random" }, "spec.ordering"),
        ["parallelism 0"] = (s => s with { Parallelism = 0 }, "spec.parallelism"),
        ["parallelism 1001"] = (s => s with { Parallelism = 1001 }, "spec.parallelism"),
        ["retry -1"] = (s => Delivery(s, new DeliverySpec { Retry = -1 }), "spec.delivery.retry"),
        ["backoffPolicy constant"] = (s => Delivery(s, new DeliverySpec { BackoffPolicy = "constant" }), "spec.delivery.backoffPolicy"),
        ["backoffDelay Go style"] = (s => Delivery(s, new DeliverySpec { BackoffDelay = "200ms" }), "spec.delivery.backoffDelay"),
        ["backoffDelay zero"] = (s => Delivery(s, new DeliverySpec { BackoffDelay = "PT0S" }), "spec.delivery.backoffDelay"),
        ["timeout months"] = (s => Delivery(s, new DeliverySpec { Timeout = "P1M" }), "spec.delivery.timeout"),
        ["timeout empty time part"] = (s => Delivery(s, new DeliverySpec { Timeout = "PT" }), "spec.delivery.timeout"),
        ["deadLetterSink empty"] = (s => Delivery(s, new DeliverySpec { DeadLetterSink = new Destination() }), "spec.delivery.deadLetterSink"),
        ["deadLetterSink ftp"] = (s => Delivery(s, new DeliverySpec { DeadLetterSink = new Destination { Uri = "ftp://x/y" } }), "spec.delivery.deadLetterSink.uri"),
        ["deadLetterSink ref without name"] = (s => Delivery(s, new DeliverySpec { DeadLetterSink = new Destination { Ref = new KReference { ApiVersion = "v1", Kind = "Service" } } }), "spec.delivery.deadLetterSink.ref.name"),
        ["extension upper case"] = (s => Extension(s, "Region"), "spec.ceOverrides.extensions[Region]"),
        ["extension dash"] = (s => Extension(s, "my-ext"), "spec.ceOverrides.extensions[my-ext]"),
        ["extension 21 chars"] = (s => Extension(s, new string('a', 21)), "spec.ceOverrides.extensions[aaaaaaaaaaaaaaaaaaaaa]"),
        ["extension empty name"] = (s => Extension(s, ""), "spec.ceOverrides.extensions[]"),
        ["extension specversion"] = (s => Extension(s, "specversion"), "spec.ceOverrides.extensions[specversion]"),
        ["extension id"] = (s => Extension(s, "id"), "spec.ceOverrides.extensions[id]"),
        ["extension source"] = (s => Extension(s, "source"), "spec.ceOverrides.extensions[source]"),
        ["extension type"] = (s => Extension(s, "type"), "spec.ceOverrides.extensions[type]"),
        ["extension datacontenttype"] = (s => Extension(s, "datacontenttype"), "spec.ceOverrides.extensions[datacontenttype]"),
        ["extension dataschema"] = (s => Extension(s, "dataschema"), "spec.ceOverrides.extensions[dataschema]"),
        ["extension subject"] = (s => Extension(s, "subject"), "spec.ceOverrides.extensions[subject]"),
        ["extension time"] = (s => Extension(s, "time"), "spec.ceOverrides.extensions[time]"),
        ["extension data"] = (s => Extension(s, "data"), "spec.ceOverrides.extensions[data]"),
        ["extension data_base64"] = (s => Extension(s, "data_base64"), "spec.ceOverrides.extensions[data_base64]"),
        ["extension dataref"] = (s => Extension(s, "dataref"), "spec.ceOverrides.extensions[dataref]"),
        ["extension null value"] = (s => s with { CeOverrides = new CeOverrides { Extensions = new Dictionary<string, string> { ["region"] = null! } } }, "spec.ceOverrides.extensions[region]"),
        ["sink missing"] = (s => s with { Sink = null }, "spec.sink"),
        ["sink empty"] = (s => s with { Sink = new Destination() }, "spec.sink"),
        ["sink ref apiVersion missing"] = (s => SinkRef(s, r => r with { ApiVersion = null }), "spec.sink.ref.apiVersion"),
        ["sink ref kind missing"] = (s => SinkRef(s, r => r with { Kind = "" }), "spec.sink.ref.kind"),
        ["sink ref name missing"] = (s => SinkRef(s, r => r with { Name = null }), "spec.sink.ref.name"),
        ["sink ref namespace bad"] = (s => SinkRef(s, r => r with { Namespace = "Edge_1" }), "spec.sink.ref.namespace"),
        ["sink uri relative without ref"] = (s => s with { Sink = new Destination { Uri = "/events" } }, "spec.sink.uri"),
        ["sink uri not http"] = (s => s with { Sink = new Destination { Uri = "mqtt://x" } }, "spec.sink.uri"),
        ["sink uri no host"] = (s => s with { Sink = new Destination { Uri = "http:/x" } }, "spec.sink.uri"),
        ["sink absolute uri with ref"] = (s => s with { Sink = s.Sink! with { Uri = "http://x/y" } }, "spec.sink.uri"),
        ["sink CACerts not PEM"] = (s => s with { Sink = s.Sink! with { CACerts = "hello" } }, "spec.sink.CACerts"),
    };

    /// <summary>Valid variations: each alone leaves the spec valid.</summary>
    private static readonly Dictionary<string, Func<MqttSourceSpec, MqttSourceSpec>> Valid = new()
    {
        ["minimal"] = s => s,
        ["url mqtts"] = s => Url(s, "mqtts://broker.example.com"),
        ["url with port and slash"] = s => Url(s, "mqtt://10.0.0.5:1884/"),
        ["url ipv6"] = s => Url(s, "mqtt://[::1]:1883"),
        ["url port 65535"] = s => Url(s, "mqtt://mosquitto:65535"),
        ["protocolVersion 5"] = s => Broker(s, b => b with { ProtocolVersion = "5" }),
        ["protocolVersion 3.1.1"] = s => Broker(s, b => b with { ProtocolVersion = "3.1.1" }),
        ["protocolVersion empty"] = s => Broker(s, b => b with { ProtocolVersion = "" }),
        ["clientId long (MQTT 5 allows more than 23)"] = s => Broker(s, b => b with { ClientId = new string('c', 100) }),
        ["clientId empty"] = s => Broker(s, b => b with { ClientId = "" }),
        ["keepAlive 1m30s"] = s => Broker(s, b => b with { KeepAlive = "1m30s" }),
        ["keepAlive 65535s"] = s => Broker(s, b => b with { KeepAlive = "65535s" }),
        ["expiry 2^32-1 s"] = s => Broker(s, b => b with { Session = new SessionSpec { Persistent = true, Expiry = "4294967295s" } }),
        ["session not persistent"] = s => Broker(s, b => b with { Session = new SessionSpec { Persistent = false } }),
        ["password alone on 5"] = s => Auth(s, new AuthSpec { Password = Specs.Secret("c", "p") }),
        ["username and password on 3.1.1"] = s => Auth(s, new AuthSpec { Username = Specs.Secret("c", "u"), Password = Specs.Secret("c.d", "p_w.x") }) is var t ? Broker(t, b => b with { ProtocolVersion = "3.1.1" }) : t,
        ["tls full"] = s => Tls(s, new TlsSpec { CaCert = Specs.Secret("t", "ca.crt"), ClientCert = Specs.Secret("t", "tls.crt"), ClientKey = Specs.Secret("t", "tls.key"), ServerName = "broker.example.com" }),
        ["tls empty serverName"] = s => Tls(s, new TlsSpec { ServerName = "" }),
        ["filter #"] = s => s with { Topics = [new TopicSpec { Filter = "#" }] },
        ["filter + levels"] = s => s with { Topics = [new TopicSpec { Filter = "+/+/temperature" }, new TopicSpec { Filter = "a/+" }] },
        ["filter $SYS"] = s => s with { Topics = [new TopicSpec { Filter = "$SYS/broker/#" }] },
        ["filter empty levels"] = s => s with { Topics = [new TopicSpec { Filter = "/a//b/" }] },
        ["filter 65535 bytes"] = s => s with { Topics = [new TopicSpec { Filter = new string('a', 65535) }] },
        ["qos 0 and 2"] = s => s with { Topics = [new TopicSpec { Filter = "a", Qos = 0 }, new TopicSpec { Filter = "b", Qos = 2, Type = "t" }] },
        ["replicas 3 with sharedGroup"] = s => s with { Replicas = 3, SharedGroup = "telemetry" },
        ["replicas 1 without sharedGroup"] = s => s with { Replicas = 1 },
        ["event all set"] = s => Event(s, new EventSpec { Type = "com.example", Source = "urn:plant:1", ContentMode = "structured", DataContentType = "text/plain; charset=utf-8", Passthrough = "never", IdFrom = "userProperty:msgid" }),
        ["event empty strings"] = s => Event(s, new EventSpec { Source = "", ContentMode = "", DataContentType = "", Passthrough = "", IdFrom = "" }),
        ["event relative source"] = s => Event(s, new EventSpec { Source = "/plants/1" }),
        ["idFrom json pointer"] = s => Event(s, new EventSpec { IdFrom = "json:/meta/id~1x~0y" }),
        ["idFrom json root key"] = s => Event(s, new EventSpec { IdFrom = "json:/" }),
        ["ordering unordered"] = s => s with { Ordering = "unordered" },
        ["parallelism 1"] = s => s with { Parallelism = 1 },
        ["parallelism 1000"] = s => s with { Parallelism = 1000 },
        ["retry 0"] = s => Delivery(s, new DeliverySpec { Retry = 0 }),
        ["retry null"] = s => Delivery(s, new DeliverySpec { Retry = null }),
        ["delivery linear"] = s => Delivery(s, new DeliverySpec { Retry = 5, BackoffPolicy = "linear", BackoffDelay = "PT1S", Timeout = "PT1M" }),
        ["deadLetterSink uri"] = s => Delivery(s, new DeliverySpec { DeadLetterSink = new Destination { Uri = "https://dlq.example.com/x" } }),
        ["deadLetterSink ref"] = s => Delivery(s, new DeliverySpec { DeadLetterSink = new Destination { Ref = new KReference { ApiVersion = "v1", Kind = "Service", Name = "dlq" } } }),
        ["extensions"] = s => s with { CeOverrides = new CeOverrides { Extensions = new Dictionary<string, string> { ["region"] = "eu-west", ["a1"] = "", [new string('z', 20)] = "x", ["mydata"] = "y" } } },
        ["sink uri only"] = s => s with { Sink = new Destination { Uri = "https://sink.example.com/events" } },
        ["sink ref with relative uri"] = s => s with { Sink = s.Sink! with { Uri = "/extra/path", Audience = "aud" } },
        ["sink ref with namespace"] = s => SinkRef(s, r => r with { Namespace = "other" }),
        ["sink CACerts PEM"] = s => s with { Sink = s.Sink! with { CACerts = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" } },
        ["adapter overrides"] = s => s with { Adapter = new AdapterSpec { Resources = [] } },
    };

    public static TheoryData<string> InvalidCases => [.. Invalid.Keys];

    public static TheoryData<string> ValidCases => [.. Valid.Keys];

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Validate_RuleBroken_ReportsExactlyThatPath(string name)
    {
        var (change, path) = Invalid[name];

        var errors = MqttSourceValidator.Validate(change(Base));

        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Validate_ValidVariation_ReportsNothing(string name)
    {
        var errors = MqttSourceValidator.Validate(Valid[name](Base));

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_ProductExample_IsValid()
    {
        Assert.Empty(MqttSourceValidator.Validate(MqttSourceSpec.FromJson(Specs.ExampleJson.Replace("mqtt://", "mqtts://", StringComparison.Ordinal))));
    }

    [Fact]
    public void Validate_ManyRulesBroken_ReportsAllAtOnceInSpecOrder()
    {
        var spec = new MqttSourceSpec
        {
            Broker = new BrokerSpec { Url = "http://x", KeepAlive = "soon" },
            Topics = [new TopicSpec { Filter = "a/#/b", Qos = 5 }, new TopicSpec { Filter = "ok" }],
            Replicas = 2,
            Event = new EventSpec { ContentMode = "batch" },
            Parallelism = 0,
            Delivery = new DeliverySpec { Retry = -2, Timeout = "30s" },
            CeOverrides = new CeOverrides { Extensions = new Dictionary<string, string> { ["type"] = "x" } },
        };

        var errors = MqttSourceValidator.Validate(spec);

        Assert.Equal(
            [
                "spec.broker.url", "spec.broker.keepAlive", "spec.topics[0].filter", "spec.topics[0].qos", "spec.replicas",
                "spec.event.contentMode", "spec.parallelism", "spec.delivery.retry", "spec.delivery.timeout",
                "spec.ceOverrides.extensions[type]", "spec.sink",
            ],
            errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("http://x", "spec.broker.url", "scheme must be mqtt or mqtts (got \"http\")")]
    [InlineData("mqtt://u:p@x", "spec.broker.url", "must not contain credentials; use spec.broker.auth with a Secret")]
    [InlineData("mqtt://x:70000", "spec.broker.url", "port must be 1..65535 (got 70000)")]
    public void Validate_BrokerUrl_MessageSaysWhatToDo(string url, string path, string message)
    {
        Assert.Equal([new FieldError(path, message)], MqttSourceValidator.Validate(Url(Base, url)));
    }

    [Fact]
    public void Validate_QosOutOfRange_MessageNamesValue()
    {
        var errors = MqttSourceValidator.Validate(Base with { Topics = [new TopicSpec { Filter = "a", Qos = 7 }] });

        Assert.Equal([new FieldError("spec.topics[0].qos", "must be 0, 1 or 2 (got 7)")], errors);
    }

    [Fact]
    public void ThrowIfInvalid_InvalidSpec_ThrowsWithEveryError()
    {
        var e = Assert.Throws<MqttSourceValidationException>(() =>
            MqttSourceValidator.ThrowIfInvalid(Base with { Parallelism = 0, Replicas = 0 }));

        Assert.Equal(["spec.replicas", "spec.parallelism"], e.Errors.Select(x => x.Path));
        Assert.Contains("spec.replicas: must be at least 1 (got 0); spec.parallelism: must be 1..1000 (got 0)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_ValidSpec_DoesNotThrow()
    {
        MqttSourceValidator.ThrowIfInvalid(Base);
    }

    [Theory]
    [InlineData(ValidationMode.Kubernetes, "ref", "")]
    [InlineData(ValidationMode.Kubernetes, "uri", "")]
    [InlineData(ValidationMode.Kubernetes, "none", "spec.sink")]
    [InlineData(ValidationMode.Standalone, "ref", "spec.sink.ref")]
    [InlineData(ValidationMode.Standalone, "uri", "")]
    [InlineData(ValidationMode.Standalone, "relative", "spec.sink.uri")]
    [InlineData(ValidationMode.Standalone, "none", "spec.sink")]
    [InlineData(ValidationMode.StandaloneWithSink, "ref", "")]
    [InlineData(ValidationMode.StandaloneWithSink, "uri", "")]
    [InlineData(ValidationMode.StandaloneWithSink, "none", "")]
    [InlineData(ValidationMode.StandaloneWithSink, "relative", "spec.sink.uri")]
    public void Validate_SinkByMode_FollowsModeRules(ValidationMode mode, string sink, string errorPath)
    {
        var spec = Base with
        {
            Sink = sink switch
            {
                "ref" => Base.Sink,
                "uri" => new Destination { Uri = "http://display.default.svc.cluster.local" },
                "relative" => new Destination { Uri = "/events" },
                _ => null,
            },
        };

        var errors = MqttSourceValidator.Validate(spec, mode);

        Assert.Equal(errorPath.Length == 0 ? [] : [errorPath], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData(ValidationMode.Kubernetes, "")]
    [InlineData(ValidationMode.Standalone, "spec.delivery.deadLetterSink.ref")]
    [InlineData(ValidationMode.StandaloneWithSink, "spec.delivery.deadLetterSink.ref")]
    public void Validate_DeadLetterSinkRefByMode_OnlyKubernetesResolvesRefs(ValidationMode mode, string errorPath)
    {
        var spec = Base with
        {
            Sink = new Destination { Uri = "http://sink" },
            Delivery = new DeliverySpec { DeadLetterSink = new Destination { Ref = new KReference { ApiVersion = "v1", Kind = "Service", Name = "dlq" } } },
        };

        var errors = MqttSourceValidator.Validate(spec, mode);

        Assert.Equal(errorPath.Length == 0 ? [] : [errorPath], errors.Select(e => e.Path));
    }

    [Fact]
    public void ValidateCeOverrides_KCeOverridesPath_NamesEachBadExtension()
    {
        var overrides = new CeOverrides { Extensions = new Dictionary<string, string> { ["ok"] = "1", ["ID"] = "2", ["time"] = "3" } };

        var errors = MqttSourceValidator.ValidateCeOverrides(overrides, "K_CE_OVERRIDES");

        Assert.Equal(["K_CE_OVERRIDES.extensions[ID]", "K_CE_OVERRIDES.extensions[time]"], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("eu\u0001west")]
    [InlineData("line\nbreak")]
    [InlineData("del\u007F")]
    [InlineData("c1\u0085")]
    public void ValidateCeOverrides_ValueWithControlCharacter_RefusedNamingTheExtension(string value)
    {
        var overrides = new CeOverrides { Extensions = new Dictionary<string, string> { ["region"] = value, ["zone"] = "eu-west-1 é 漢" } };

        var error = Assert.Single(MqttSourceValidator.ValidateCeOverrides(overrides));

        Assert.Equal("spec.ceOverrides.extensions[region]", error.Path);
        Assert.Contains("control characters", error.Message, StringComparison.Ordinal);
    }

    private static MqttSourceSpec Url(MqttSourceSpec s, string url) => Broker(s, b => b with { Url = url });

    private static MqttSourceSpec Broker(MqttSourceSpec s, Func<BrokerSpec, BrokerSpec> change) => s with { Broker = change(s.Broker!) };

    private static MqttSourceSpec Auth(MqttSourceSpec s, AuthSpec auth) => Broker(s, b => b with { Auth = auth });

    private static MqttSourceSpec Tls(MqttSourceSpec s, TlsSpec tls) => Broker(s, b => b with { Url = "mqtts://broker.example.com", Tls = tls });

    private static MqttSourceSpec Topic(MqttSourceSpec s, TopicSpec topic) => s with { Topics = [.. s.Topics!, topic] };

    private static MqttSourceSpec Event(MqttSourceSpec s, EventSpec ev) => s with { Event = ev };

    private static MqttSourceSpec Delivery(MqttSourceSpec s, DeliverySpec delivery) => s with { Delivery = delivery };

    private static MqttSourceSpec Extension(MqttSourceSpec s, string name) =>
        s with { CeOverrides = new CeOverrides { Extensions = new Dictionary<string, string> { [name] = "v" } } };

    private static MqttSourceSpec SinkRef(MqttSourceSpec s, Func<KReference, KReference> change) =>
        s with { Sink = s.Sink! with { Ref = change(s.Sink!.Ref!) } };
}
