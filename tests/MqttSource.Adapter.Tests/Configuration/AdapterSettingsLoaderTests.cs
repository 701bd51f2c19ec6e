using System.Text.Json.Nodes;
using MqttSource.Adapter.Configuration;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Apis.Settings;

namespace MqttSource.Adapter.Tests.Configuration;

/// <summary>One configuration model, three ways in (env contract, YAML, flags); every error listed, each naming its field.</summary>
public sealed class AdapterSettingsLoaderTests : IDisposable
{
    // As the controller passes it: the spec includes the sink ref; the adapter sends to K_SINK (the resolved URI).
    private const string BaseSpec = """{ "broker": { "url": "mqtt://broker.test:1883" }, "topics": [{ "filter": "sensors/#" }], "sink": { "ref": { "apiVersion": "eventing.knative.dev/v1", "kind": "Broker", "name": "default" } } }""";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mqttsource-adapter-config-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Everything that decides behaviour, as text, for comparing settings from different ways in.</summary>
    private static string Describe(AdapterSettings s)
    {
        var src = s.Source;
        return string.Join('\n',
            $"broker {src.Broker} {src.ProtocolVersion} keepAlive {src.KeepAlive} persistent {src.SessionPersistent} expiry {src.SessionExpiry}",
            $"topics {string.Join(", ", src.Topics.Select(t => $"{t.SubscriptionFilter} q{t.Qos} {t.Type}"))}",
            $"event {src.EventType} {src.EventSource} {src.ContentMode} {src.Passthrough} {src.DataContentType} {src.IdFrom}",
            $"delivery {src.Ordering} {src.Parallelism} {src.Delivery.Retry} {src.Delivery.BackoffPolicy} {src.Delivery.BackoffDelay} {src.Delivery.Timeout}",
            $"overrides {string.Join(", ", src.CeExtensions.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value))}",
            $"sink {s.Sink} dls {s.DeadLetterSink} timeout {s.AttemptTimeout} maxPacket {s.MaximumPacketSize}");
    }

    [Fact]
    public void Load_SameSourceThreeWays_SameSettings()
    {
        const string Spec = """
            { "broker": { "url": "mqtt://10.0.0.5:1884", "protocolVersion": "3.1.1" },
              "topics": [{ "filter": "sensors/+/temperature", "qos": 2 }, { "filter": "alarms/#", "qos": 2 }],
              "event": { "type": "com.example.reading", "source": "urn:plant:7", "contentMode": "structured" },
              "ordering": "unordered", "parallelism": 8, "delivery": { "retry": 3 },
              "sink": { "ref": { "apiVersion": "eventing.knative.dev/v1", "kind": "Broker", "name": "default" } } }
            """;
        const string Yaml = """
            apiVersion: sources.knative.dev/v1alpha1
            kind: MqttSource
            metadata: { name: telemetry, namespace: edge }
            spec:
              broker: { url: "mqtt://10.0.0.5:1884", protocolVersion: "3.1.1" }
              topics:
                - { filter: sensors/+/temperature, qos: 2 }
                - { filter: "alarms/#", qos: 2 }
              event: { type: com.example.reading, source: "urn:plant:7", contentMode: structured }
              ordering: unordered
              parallelism: 8
              delivery: { retry: 3 }
              sink: { uri: "http://sink.test/" }
            """;
        var overrides = new Dictionary<string, string> { ["K_CE_OVERRIDES"] = """{"extensions":{"region":"eu-west"}}""" };
        var env = new Dictionary<string, string>(overrides) { ["MQTT_SOURCE_SPEC"] = Spec, ["NAME"] = "telemetry", ["NAMESPACE"] = "edge", ["K_SINK"] = "http://sink.test/" };

        var fromEnv = TestSettings.Load([], env);
        var fromYaml = TestSettings.Load(["--config", WriteFile("telemetry.yaml", Yaml)], overrides);
        var fromFlags = TestSettings.Load(
            ["--broker", "mqtt://10.0.0.5:1884", "--protocol-version", "3.1.1", "--topic", "sensors/+/temperature", "--topic", "alarms/#", "--qos", "2",
             "--type", "com.example.reading", "--source", "urn:plant:7", "--content-mode", "structured", "--ordering", "unordered",
             "--parallelism", "8", "--retry", "3", "--sink", "http://sink.test/"],
            overrides);

        Assert.Equal(Describe(fromEnv), Describe(fromYaml));
        Assert.Equal(Describe(fromEnv), Describe(fromFlags));
        Assert.Equal("edge.telemetry-0", fromEnv.ClientId); // Kubernetes: <ns>.<name>-<ordinal>
        Assert.Equal("region=eu-west", string.Join(",", fromFlags.Source.CeExtensions.Select(e => e.Key + "=" + e.Value)));
    }

    [Fact]
    public void Load_ProductExampleAdaptedToStandalone_ResolvesEveryField()
    {
        // PRODUCT.md §3, standalone: the sink is a URI (no ref), credentials and TLS come from files, no status.
        const string Yaml = """
            apiVersion: sources.knative.dev/v1alpha1
            kind: MqttSource
            metadata: { name: telemetry, namespace: edge }
            spec:
              broker:
                url: mqtt://mosquitto.edge.svc:1883
                protocolVersion: "5"
                clientId: ""
                keepAlive: 30s
                session: { persistent: true, expiry: 1h }
              topics:
                - filter: sensors/+/temperature
                  qos: 1
                  type: com.example.sensor.temperature
                - filter: sensors/+/humidity
                  type: com.example.sensor.humidity
              sharedGroup: ""
              replicas: 1
              event:
                type: dev.knative.mqtt.event
                source: ""
                contentMode: binary
                dataContentType: ""
                passthrough: auto
                idFrom: ""
              ordering: ordered
              parallelism: 16
              delivery:
                retry: null
                backoffPolicy: exponential
                backoffDelay: PT0.2S
                timeout: PT30S
                deadLetterSink: { uri: "http://dead.test/" }
              ceOverrides: { extensions: { region: eu-west } }
              sink: { uri: "http://sink.test/events" }
            """;

        var settings = TestSettings.Load(["--config", WriteFile("telemetry.yaml", Yaml)]);

        var source = settings.Source;
        Assert.Equal("mqtt://mosquitto.edge.svc:1883", source.Broker.ToString());
        Assert.Equal(BrokerProtocolVersion.V5, source.ProtocolVersion);
        Assert.Equal(TimeSpan.FromSeconds(30), source.KeepAlive);
        Assert.True(source.SessionPersistent);
        Assert.Equal(TimeSpan.FromHours(1), source.SessionExpiry);
        Assert.Equal(["sensors/+/temperature", "sensors/+/humidity"], source.Topics.Select(t => t.SubscriptionFilter));
        Assert.Equal("com.example.sensor.temperature", source.TypeForTopic("sensors/k1/temperature"));
        Assert.Equal("com.example.sensor.humidity", source.TypeForTopic("sensors/k1/humidity"));
        Assert.Equal("dev.knative.mqtt.event", source.TypeForTopic("other"));
        Assert.Equal("mqtt://mosquitto.edge.svc:1883", source.EventSource); // standalone default
        Assert.Equal(EventContentMode.Binary, source.ContentMode);
        Assert.Equal(DeliveryOrdering.Ordered, source.Ordering);
        Assert.Equal(16, source.Parallelism);
        Assert.Null(source.Delivery.Retry);
        Assert.Equal(TimeSpan.FromMilliseconds(200), source.Delivery.BackoffDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.AttemptTimeout);
        Assert.Equal("eu-west", source.CeExtensions["region"]);
        Assert.Equal(new Uri("http://sink.test/events"), settings.Sink);
        Assert.Equal(new Uri("http://dead.test/"), settings.DeadLetterSink);
        Assert.EndsWith(".telemetry", settings.ClientId, StringComparison.Ordinal); // standalone default: <host>.<name>
    }

    [Fact]
    public void Load_EnvContract_ReadsEveryVariable()
    {
        var password = WriteFile("password", "s3cret\n");
        var ca = WriteFile("ca.crt", "-----BEGIN CERTIFICATE-----\n");
        var env = new Dictionary<string, string>
        {
            ["MQTT_SOURCE_SPEC"] = BaseSpec,
            ["NAME"] = "telemetry",
            ["NAMESPACE"] = "edge",
            ["POD_NAME"] = "telemetry-adapter-2",
            ["K_SINK"] = "http://broker-ingress.knative-eventing.svc/edge/default",
            ["K_CE_OVERRIDES"] = """{"extensions":{"region":"eu-west"}}""",
            ["K_CA_CERTS"] = "-----BEGIN CERTIFICATE-----",
            ["K_AUDIENCE"] = "broker-ingress",
            ["K_OIDC_TOKEN_FILE"] = "/tmp/token",
            ["K_SINK_TIMEOUT"] = "7.5",
            ["K_LOGGING_CONFIG"] = """{"loglevel.mqtt-source-adapter":"debug"}""",
            ["K_DEAD_LETTER_SINK"] = "http://dead.test/",
            ["MQTT_USERNAME"] = "adapter",
            ["MQTT_PASSWORD_FILE"] = password,
            ["MQTT_TLS_CA_FILE"] = ca,
            ["MQTT_MAX_PACKET_SIZE"] = "65536",
            ["HTTP_PORT"] = "9090",
            ["SHUTDOWN_GRACE_SECONDS"] = "12",
        };

        var s = TestSettings.Load([], env);

        Assert.Equal("edge.telemetry-2", s.ClientId);
        Assert.Equal("/apis/v1/namespaces/edge/mqttsources/telemetry", s.Source.EventSource);
        Assert.Equal(new Uri("http://broker-ingress.knative-eventing.svc/edge/default"), s.Sink);
        Assert.Equal("eu-west", s.Source.CeExtensions["region"]);
        Assert.Equal("-----BEGIN CERTIFICATE-----", s.SinkCaCertificates);
        Assert.Equal("broker-ingress", s.Audience);
        Assert.Equal("/tmp/token", s.TokenFile);
        Assert.Equal(TimeSpan.FromSeconds(7.5), s.AttemptTimeout);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, s.LogLevel);
        Assert.Equal(new Uri("http://dead.test/"), s.DeadLetterSink);
        Assert.Equal("adapter", s.Username);
        Assert.Equal("s3cret", s.Password);
        Assert.Equal(ca, s.BrokerCaFile);
        Assert.Equal(65536u, s.MaximumPacketSize);
        Assert.Equal(9090, s.HttpPort);
        Assert.Equal(TimeSpan.FromSeconds(12), s.ShutdownGrace);
    }

    [Fact]
    public void Load_EnvContractWithoutOptionalVariables_Defaults()
    {
        var s = TestSettings.Load([], new Dictionary<string, string> { ["MQTT_SOURCE_SPEC"] = BaseSpec, ["NAME"] = "n", ["NAMESPACE"] = "ns", ["K_SINK"] = "http://s.test/" });

        Assert.Equal("ns.n-0", s.ClientId);
        Assert.Null(s.Audience);
        Assert.Equal(TimeSpan.FromSeconds(30), s.AttemptTimeout);
        Assert.Equal(262144u, s.MaximumPacketSize);
        Assert.Equal(8080, s.HttpPort);
        Assert.Null(s.Password);
    }

    private static JsonObject Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is JsonObject child && target[name] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }

        return target;
    }

    [Theory]
    [InlineData("""{ "broker": { "url": "http://broker.test" } }""", "spec.broker.url")]
    [InlineData("""{ "broker": { "url": "" } }""", "spec.broker.url")]
    [InlineData("""{ "broker": { "protocolVersion": "4" } }""", "spec.broker.protocolVersion")]
    [InlineData("""{ "broker": { "keepAlive": "soon" } }""", "spec.broker.keepAlive")]
    [InlineData("""{ "broker": { "session": { "expiry": "forever" } } }""", "spec.broker.session.expiry")]
    [InlineData("""{ "topics": [] }""", "spec.topics")]
    [InlineData("""{ "topics": [{ "filter": "a/#/b" }] }""", "spec.topics[0].filter")]
    [InlineData("""{ "topics": [{ "filter": "a+/b" }] }""", "spec.topics[0].filter")]
    [InlineData("""{ "topics": [{ "filter": "" }] }""", "spec.topics[0].filter")]
    [InlineData("""{ "topics": [{ "filter": "a/\u0000" }] }""", "spec.topics[0].filter")]
    [InlineData("""{ "topics": [{ "filter": "a", "qos": 3 }] }""", "spec.topics[0].qos")]
    [InlineData("""{ "replicas": 2 }""", "spec.replicas")]
    [InlineData("""{ "event": { "contentMode": "xml" } }""", "spec.event.contentMode")]
    [InlineData("""{ "event": { "passthrough": "always" } }""", "spec.event.passthrough")]
    [InlineData("""{ "event": { "idFrom": "header:x" } }""", "spec.event.idFrom")]
    [InlineData("""{ "ordering": "random" }""", "spec.ordering")]
    [InlineData("""{ "parallelism": 0 }""", "spec.parallelism")]
    [InlineData("""{ "parallelism": 1001 }""", "spec.parallelism")]
    [InlineData("""{ "delivery": { "retry": -1 } }""", "spec.delivery.retry")]
    [InlineData("""{ "delivery": { "backoffPolicy": "random" } }""", "spec.delivery.backoffPolicy")]
    [InlineData("""{ "delivery": { "backoffDelay": "2s" } }""", "spec.delivery.backoffDelay")]
    [InlineData("""{ "delivery": { "timeout": "long" } }""", "spec.delivery.timeout")]
    [InlineData("""{ "ceOverrides": { "extensions": { "id": "x" } } }""", "spec.ceOverrides.extensions[id]")]
    [InlineData("""{ "ceOverrides": { "extensions": { "Bad-Name": "x" } } }""", "spec.ceOverrides.extensions[Bad-Name]")]
    [InlineData("""{ "broker": { "auth": { "password": { "secretKeyRef": { "name": "s", "key": "p" } } } } }""", "spec.broker.auth.password")]
    public void Load_InvalidSpecField_ErrorNamesTheField(string patch, string field)
    {
        var spec = Merge(JsonNode.Parse(BaseSpec)!.AsObject(), JsonNode.Parse(patch)!.AsObject());
        var env = new Dictionary<string, string> { ["MQTT_SOURCE_SPEC"] = spec.ToJsonString(), ["NAME"] = "n", ["NAMESPACE"] = "ns", ["K_SINK"] = "http://s.test/" };

        var (settings, errors) = TestSettings.TryLoad([], env);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.Contains(field, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("K_SINK", null, "K_SINK")]
    [InlineData("K_SINK", "ftp://sink.test/", "K_SINK")]
    [InlineData("K_CE_OVERRIDES", "{bad", "K_CE_OVERRIDES")]
    [InlineData("K_CE_OVERRIDES", """{"extensions":{"type":"x"}}""", "K_CE_OVERRIDES")]
    [InlineData("K_CE_OVERRIDES", """{"extensions":{"region":"eu\u0001west"}}""", "K_CE_OVERRIDES.extensions[region]")]
    [InlineData("STALL_THRESHOLD_SECONDS", "0", "STALL_THRESHOLD_SECONDS")]
    [InlineData("K_SINK_TIMEOUT", "-1", "K_SINK_TIMEOUT")]
    [InlineData("K_LOGGING_CONFIG", "{", "K_LOGGING_CONFIG")]
    [InlineData("K_LOGGING_CONFIG", """{"loglevel.mqtt-source-adapter":"loud"}""", "K_LOGGING_CONFIG")]
    [InlineData("K_DEAD_LETTER_SINK", "not a url", "K_DEAD_LETTER_SINK")]
    [InlineData("NAME", null, "NAME")]
    [InlineData("NAMESPACE", null, "NAMESPACE")]
    [InlineData("POD_NAME", "adapter", "POD_NAME")]
    [InlineData("HTTP_PORT", "70000", "HTTP_PORT")]
    [InlineData("MQTT_MAX_PACKET_SIZE", "10", "MQTT_MAX_PACKET_SIZE")]
    [InlineData("SHUTDOWN_GRACE_SECONDS", "soon", "SHUTDOWN_GRACE_SECONDS")]
    [InlineData("MQTT_TLS_CA_FILE", "/nonexistent/ca.crt", "MQTT_TLS_CA_FILE")]
    [InlineData("MQTT_TLS_CERT_FILE", "/etc/hostname", "MQTT_TLS_KEY_FILE")]
    [InlineData("MQTT_PASSWORD_FILE", "/nonexistent/password", "MQTT_PASSWORD_FILE")]
    [InlineData("MQTT_SOURCE_SPEC", "{ not json", "MQTT_SOURCE_SPEC")]
    public void Load_InvalidEnvVariable_ErrorNamesTheVariable(string name, string? value, string field)
    {
        var env = new Dictionary<string, string> { ["MQTT_SOURCE_SPEC"] = BaseSpec, ["NAME"] = "n", ["NAMESPACE"] = "ns", ["K_SINK"] = "http://s.test/" };
        if (value is null)
        {
            env.Remove(name);
        }
        else
        {
            env[name] = value;
        }

        var (settings, errors) = TestSettings.TryLoad([], env);

        Assert.Null(settings);
        Assert.True(errors.Any(e => e.Contains(field, StringComparison.Ordinal)), $"no error names {field}:\n{string.Join('\n', errors)}");
    }

    [Theory]
    [InlineData("--qos 5", "--qos")]
    [InlineData("--parallelism 0", "--parallelism")]
    [InlineData("--retry -1", "--retry")]
    [InlineData("--http-port x", "--http-port")]
    [InlineData("--http-host probes.example", "--http-host")]
    [InlineData("--http-host 300.1.1.1", "--http-host")]
    [InlineData("--max-packet-size 1", "--max-packet-size")]
    [InlineData("--shutdown-grace -5", "--shutdown-grace")]
    [InlineData("--log-format xml", "--log-format")]
    [InlineData("--log-level loud", "--log-level")]
    [InlineData("--content-mode xml", "contentMode")]
    [InlineData("--ordering random", "ordering")]
    [InlineData("--protocol-version 4", "protocolVersion")]
    [InlineData("--sink ftp://x", "--sink")]
    [InlineData("--dead-letter-sink nowhere", "--dead-letter-sink")]
    [InlineData("--bogus 1", "--bogus")]
    [InlineData("--cert-file /etc/hostname", "--key-file")]
    [InlineData("--ca-file /nonexistent", "--ca-file")]
    [InlineData("--password-file /nonexistent", "--password-file")]
    public void Load_InvalidFlag_ErrorNamesTheFlag(string flag, string field)
    {
        string[] args = ["--broker", "mqtt://broker.test", "--topic", "a/#", "--sink", "http://s.test/", .. flag.Split(' ')];
        if (flag.StartsWith("--sink", StringComparison.Ordinal))
        {
            args = [.. args[..4], .. flag.Split(' ')];
        }

        var (settings, errors) = TestSettings.TryLoad(args);

        Assert.Null(settings);
        Assert.True(errors.Any(e => e.Contains(field, StringComparison.Ordinal)), $"no error names {field}:\n{string.Join('\n', errors)}");
    }

    [Theory]
    [InlineData("--topic a/#", "--broker")]
    [InlineData("--broker mqtt://b.test", "--topic")]
    [InlineData("", "no configuration")]
    public void Load_IncompleteFlags_ErrorNamesWhatIsMissing(string flags, string expected)
    {
        var (settings, errors) = TestSettings.TryLoad(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Null(settings);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "cannot read")]
    [InlineData("spec: [unclosed", "not valid YAML")]
    [InlineData("kind: Deployment\nspec: {}", "kind")]
    [InlineData("kind: MqttSource\nmetadata: { name: x }", "spec: required")]
    [InlineData("kind: MqttSource\nspec: { broker: { url: mqtt://b.test }, topics: [{ filter: a }] }", "spec.sink.uri")]
    [InlineData("a: 1\n---\nb: 2", "2 YAML documents")]
    public void Load_InvalidConfigFile_ErrorNamesTheFileAndField(string? yaml, string expected)
    {
        var path = yaml is null ? Path.Combine(_folder.FullName, "missing.yaml") : WriteFile("bad.yaml", yaml);

        var (settings, errors) = TestSettings.TryLoad(["--config", path]);

        Assert.Null(settings);
        Assert.True(errors.Any(e => e.Contains(expected, StringComparison.Ordinal)), string.Join('\n', errors));
    }

    [Fact]
    public void Load_ManyErrors_ListsEveryOne()
    {
        const string Spec = """{ "broker": { "url": "tcp://b" }, "topics": [{ "filter": "a/#/b", "qos": 7 }], "parallelism": 0, "ordering": "x", "delivery": { "timeout": "y" }, "sink": {} }""";
        var env = new Dictionary<string, string> { ["MQTT_SOURCE_SPEC"] = Spec, ["K_SINK_TIMEOUT"] = "z", ["HTTP_PORT"] = "-1", ["K_CE_OVERRIDES"] = """{"extensions":{"source":"x"}}""" };

        var (settings, errors) = TestSettings.TryLoad([], env);

        Assert.Null(settings);
        string[] fields = ["spec.sink", "spec.broker.url", "spec.topics[0].filter", "spec.topics[0].qos", "spec.parallelism", "spec.ordering", "spec.delivery.timeout", "K_SINK_TIMEOUT", "HTTP_PORT", "K_CE_OVERRIDES", "K_SINK", "NAME", "NAMESPACE"];
        Assert.All(fields, f => Assert.True(errors.Any(e => e.Contains(f, StringComparison.Ordinal)), $"no error names {f}:\n{string.Join('\n', errors)}"));
    }
}
