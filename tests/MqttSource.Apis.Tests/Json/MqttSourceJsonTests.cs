using System.Text.Json.Nodes;
using MqttSource.Apis.Json;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Status;
using MqttSource.Apis.Validation;
using Xunit;

namespace MqttSource.Apis.Tests.Json;

public sealed class MqttSourceJsonTests
{
    [Fact]
    public void FromJson_ProductExample_ReadsEveryField()
    {
        var spec = MqttSourceSpec.FromJson(Specs.ExampleJson);

        Assert.Equal("mqtt://mosquitto.edge.svc:1883", spec.Broker!.Url);
        Assert.Equal("5", spec.Broker.ProtocolVersion);
        Assert.Equal("", spec.Broker.ClientId);
        Assert.Equal("30s", spec.Broker.KeepAlive);
        Assert.Equal(new SessionSpec { Persistent = true, Expiry = "1h" }, spec.Broker.Session);
        Assert.Equal(Specs.Secret("mqtt-creds", "username"), spec.Broker.Auth!.Username);
        Assert.Equal(Specs.Secret("mqtt-creds", "password"), spec.Broker.Auth.Password);
        Assert.Equal(Specs.Secret("mqtt-tls", "ca.crt"), spec.Broker.Tls!.CaCert);
        Assert.Equal(Specs.Secret("mqtt-tls", "tls.crt"), spec.Broker.Tls.ClientCert);
        Assert.Equal(Specs.Secret("mqtt-tls", "tls.key"), spec.Broker.Tls.ClientKey);
        Assert.Equal("", spec.Broker.Tls.ServerName);
        Assert.Equal(
            [
                new TopicSpec { Filter = "sensors/+/temperature", Qos = 1, Type = "com.example.sensor.temperature" },
                new TopicSpec { Filter = "sensors/+/humidity", Type = "com.example.sensor.humidity" },
            ],
            spec.Topics!);
        Assert.Equal("", spec.SharedGroup);
        Assert.Equal(1, spec.Replicas);
        Assert.Equal(
            new EventSpec { Type = "dev.knative.mqtt.event", Source = "", ContentMode = "binary", DataContentType = "", Passthrough = "auto", IdFrom = "" },
            spec.Event);
        Assert.Equal("ordered", spec.Ordering);
        Assert.Equal(16, spec.Parallelism);
        Assert.Null(spec.Delivery!.Retry);
        Assert.Equal("exponential", spec.Delivery.BackoffPolicy);
        Assert.Equal("PT0.2S", spec.Delivery.BackoffDelay);
        Assert.Equal("PT30S", spec.Delivery.Timeout);
        Assert.Equal(new KReference { ApiVersion = "v1", Kind = "Service", Name = "dead-letters", Namespace = "edge" }, spec.Delivery.DeadLetterSink!.Ref);
        Assert.Equal("/dlq", spec.Delivery.DeadLetterSink.Uri);
        Assert.Equal("eu-west", spec.CeOverrides!.Extensions!["region"]);
        Assert.Equal(new KReference { ApiVersion = "eventing.knative.dev/v1", Kind = "Broker", Name = "default" }, spec.Sink!.Ref);
        Assert.Equal("", spec.Sink.CACerts);
        Assert.Equal("", spec.Sink.Audience);
        Assert.Equal("64Mi", spec.Adapter!.Resources!["limits"]!["memory"]!.GetValue<string>());
        Assert.Equal("arm64", spec.Adapter.NodeSelector!["kubernetes.io/arch"]!.GetValue<string>());
        Assert.Equal("Exists", spec.Adapter.Tolerations![0]!["operator"]!.GetValue<string>());
        Assert.Equal("LOG_LEVEL", spec.Adapter.Env![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void ToJson_ProductExample_RoundTripsToTheSameJson()
    {
        var json = MqttSourceSpec.FromJson(Specs.ExampleJson).ToJson();

        // "retry": null is the only member left out: null and absent mean the same (retry without end).
        var expected = JsonNode.Parse(Specs.ExampleJson)!;
        expected["delivery"]!.AsObject().Remove("retry");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(json)), json);
        Assert.Equal(json, MqttSourceSpec.FromJson(json).ToJson());
    }

    [Fact]
    public void ToJson_KnativeCaCerts_UsesExactSpelling()
    {
        var json = new MqttSourceSpec { Sink = new Destination { Uri = "http://x", CACerts = "pem" } }.ToJson();

        Assert.Equal("""{"sink":{"uri":"http://x","CACerts":"pem"}}""", json);
    }

    [Fact]
    public void ToJson_EmptySpec_WritesEmptyObject()
    {
        Assert.Equal("{}", new MqttSourceSpec().ToJson());
    }

    [Theory]
    [InlineData("""{"topics":[{"filter":"a","qos":"1"}]}""", "spec.topics[0].qos", "expected an integer (got a string)")]
    [InlineData("""{"topics":[{"filter":"a","qos":1.5}]}""", "spec.topics[0].qos", "expected an integer (got the number 1.5)")]
    [InlineData("""{"topics":[{"filter":"a","qos":3000000000}]}""", "spec.topics[0].qos", "expected an integer (got the number 3000000000)")]
    [InlineData("""{"topics":{"filter":"a"}}""", "spec.topics", "expected an array (got an object)")]
    [InlineData("""{"topics":["a"]}""", "spec.topics[0]", "expected an object (got a string)")]
    [InlineData("""{"broker":"mqtt://x"}""", "spec.broker", "expected an object (got a string)")]
    [InlineData("""{"broker":{"protocolVersion":5}}""", "spec.broker.protocolVersion", "expected a string (got the number 5)")]
    [InlineData("""{"broker":{"session":{"persistent":"yes"}}}""", "spec.broker.session.persistent", "expected true or false (got a string)")]
    [InlineData("""{"replicas":true}""", "spec.replicas", "expected an integer (got a boolean)")]
    [InlineData("""{"delivery":{"retry":"3"}}""", "spec.delivery.retry", "expected an integer (got a string)")]
    [InlineData("""{"ceOverrides":{"extensions":{"region":1}}}""", "spec.ceOverrides.extensions[region]", "expected a string (got the number 1)")]
    [InlineData("""{"adapter":{"resources":[]}}""", "spec.adapter.resources", "expected an object (got an array)")]
    [InlineData("""{"adapter":{"env":{}}}""", "spec.adapter.env", "expected an array (got an object)")]
    [InlineData("""{"sink":{"CACerts":["a"]}}""", "spec.sink.CACerts", "expected a string (got an array)")]
    [InlineData("""[]""", "spec", "expected an object (got an array)")]
    [InlineData("""{"replicas":1,"replicas":2}""", "spec.replicas", "duplicate field")]
    public void FromJson_WrongKind_NamesPathAndExpectation(string json, string path, string message)
    {
        var e = Assert.Throws<MqttSourceValidationException>(() => MqttSourceSpec.FromJson(json));

        Assert.Equal([new FieldError(path, message)], e.Errors);
        Assert.Contains(path + ": " + message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_SeveralWrongKinds_ReportsAllAtOnce()
    {
        var e = Assert.Throws<MqttSourceValidationException>(() =>
            MqttSourceSpec.FromJson("""{"replicas":"2","topics":[{"qos":"1"},{"filter":7}],"parallelism":null}"""));

        Assert.Equal(["spec.replicas", "spec.topics[0].qos", "spec.topics[1].filter"], e.Errors.Select(x => x.Path));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"broker\": }")]
    [InlineData("not json")]
    [InlineData("")]
    public void FromJson_MalformedJson_SaysInvalidJsonWithPosition(string json)
    {
        var e = Assert.Throws<MqttSourceValidationException>(() => MqttSourceSpec.FromJson(json));

        var error = Assert.Single(e.Errors);
        Assert.Equal("spec", error.Path);
        Assert.StartsWith("invalid JSON at line 1, byte ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_TrailingComma_SaysWhatAndWhere()
    {
        var e = Assert.Throws<MqttSourceValidationException>(() => MqttSourceSpec.FromJson("{\"replicas\": 1,}"));

        Assert.Equal(
            [new FieldError("spec", "invalid JSON at line 1, byte 16: The JSON object contains a trailing comma at the end which is not supported in this mode")],
            e.Errors);
    }

    [Fact]
    public void FromJson_JsonNull_SaysExpectedObject()
    {
        var e = Assert.Throws<MqttSourceValidationException>(() => MqttSourceSpec.FromJson("null"));

        Assert.Equal([new FieldError("spec", "expected an object (got null)")], e.Errors);
    }

    [Fact]
    public void FromJson_UnknownFieldsLenient_IgnoresThem()
    {
        var spec = MqttSourceSpec.FromJson("""{"replicas":2,"replica":3,"topics":[{"filter":"a","qso":2}]}""");

        Assert.Equal(2, spec.Replicas);
        Assert.Null(spec.Topics![0].Qos);
    }

    [Fact]
    public void FromJson_UnknownFieldsStrict_ReportsEveryOneWithWrongKinds()
    {
        var e = Assert.Throws<MqttSourceValidationException>(() =>
            MqttSourceSpec.FromJson("""{"replica":3,"topics":[{"filter":"a","qso":2,"qos":"x"}],"sink":{"caCerts":""}}""", strict: true));

        Assert.Equal(
            [
                new FieldError("spec.topics[0].qos", "expected an integer (got a string)"),
                new FieldError("spec.replica", "unknown field"),
                new FieldError("spec.topics[0].qso", "unknown field"),
                new FieldError("spec.sink.caCerts", "unknown field"),
            ],
            e.Errors);
    }

    [Fact]
    public void FromJson_StrictWithKnownFieldsOnly_Reads()
    {
        var spec = MqttSourceSpec.FromJson(Specs.ExampleJson, strict: true);

        Assert.Equal(16, spec.Parallelism);
    }

    [Fact]
    public void FindUnknownFields_AdapterOverrides_AreNotChecked()
    {
        var unknown = MqttSourceJson.FindUnknownFields("""{"adapter":{"resources":{"whatever":1}},"event":{"kind":"x"},"ceOverrides":{"extensions":{"anything":"y"}}}""");

        Assert.Equal([new FieldError("spec.event.kind", "unknown field")], unknown);
    }

    [Fact]
    public void FindUnknownFields_MalformedJson_ReturnsEmpty()
    {
        Assert.Empty(MqttSourceJson.FindUnknownFields("{"));
    }

    [Fact]
    public void ToJson_AdapterOverrides_PassThroughUntouched()
    {
        const string json = """{"adapter":{"resources":{"requests":{"cpu":"10m"}},"tolerations":[{"key":"k","effect":"NoSchedule","x-extra":[1,2,{"deep":true}]}]}}""";

        Assert.Equal(json, MqttSourceSpec.FromJson(json).ToJson());
    }

    [Fact]
    public void ToJson_CeOverrides_IsKCeOverridesShape()
    {
        var overrides = new CeOverrides { Extensions = new Dictionary<string, string> { ["region"] = "eu-west" } };

        Assert.Equal("""{"extensions":{"region":"eu-west"}}""", overrides.ToJson());
    }

    [Fact]
    public void CeOverridesFromJson_KCeOverrides_ReadsExtensions()
    {
        var overrides = CeOverrides.FromJson("""{"extensions":{"region":"eu-west","site":"a"}}""");

        Assert.Equal(new Dictionary<string, string> { ["region"] = "eu-west", ["site"] = "a" }, overrides.Extensions);
    }

    [Fact]
    public void CeOverridesFromJson_WrongKind_NamesEnvVarPath()
    {
        var e = Assert.Throws<MqttSourceValidationException>(() => CeOverrides.FromJson("""{"extensions":[]}"""));

        Assert.Equal([new FieldError("K_CE_OVERRIDES.extensions", "expected an object (got an array)")], e.Errors);
    }

    [Fact]
    public void ToJson_Status_RoundTripsWithRfc3339Times()
    {
        var status = new MqttSourceStatus
        {
            ObservedGeneration = 3,
            Conditions =
            [
                new Condition { Type = "Ready", Status = "False", Reason = "SinkNotFound", Message = "no Broker default", LastTransitionTime = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) },
                new Condition { Type = "Deployed", Status = "True", Severity = "Info", LastTransitionTime = new DateTimeOffset(2026, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)) },
            ],
            SinkUri = "http://broker-ingress.knative-eventing.svc.cluster.local/edge/default",
            SinkCACerts = "pem",
            SinkAudience = "aud",
            CeAttributes = [new CloudEventAttributes { Type = "t", Source = "/s" }],
        };

        var json = status.ToJson();

        Assert.Equal(
            """{"observedGeneration":3,"conditions":[{"type":"Ready","status":"False","reason":"SinkNotFound","message":"no Broker default","lastTransitionTime":"2026-01-02T03:04:05Z"},{"type":"Deployed","status":"True","lastTransitionTime":"2026-01-02T03:04:05Z","severity":"Info"}],"sinkUri":"http://broker-ingress.knative-eventing.svc.cluster.local/edge/default","sinkCACerts":"pem","sinkAudience":"aud","ceAttributes":[{"type":"t","source":"/s"}]}""",
            json);
        var back = MqttSourceStatus.FromJson(json);
        Assert.Equal(status.Conditions, back.Conditions!);
        Assert.Equal(status.CeAttributes, back.CeAttributes!);
        Assert.Equal(json, back.ToJson());
    }

    [Theory]
    [InlineData("""{"conditions":[{"status":"True"}]}""", "status.conditions[0].type", "required")]
    [InlineData("""{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"yesterday"}]}""", "status.conditions[0].lastTransitionTime", "expected an RFC 3339 time such as 2026-01-02T03:04:05Z")]
    [InlineData("""{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":5}]}""", "status.conditions[0].lastTransitionTime", "expected an RFC 3339 time (got the number 5)")]
    [InlineData("""{"observedGeneration":"3"}""", "status.observedGeneration", "expected an integer (got a string)")]
    public void FromJson_BadStatus_NamesPath(string json, string path, string message)
    {
        var e = Assert.Throws<MqttSourceValidationException>(() => MqttSourceStatus.FromJson(json));

        Assert.Equal([new FieldError(path, message)], e.Errors);
    }

    [Fact]
    public void FromJson_StatusTimeWithOffset_IsReadAsThatInstant()
    {
        var status = MqttSourceStatus.FromJson("""{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-02T04:04:05.5+01:00"}]}""");

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 500, TimeSpan.Zero), status.Conditions![0].LastTransitionTime);
        Assert.True(status.IsReady);
    }
}
