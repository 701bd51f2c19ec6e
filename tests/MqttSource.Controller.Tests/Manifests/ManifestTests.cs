using System.Text.Json.Nodes;
using MqttSource.Apis.Settings;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Status;
using MqttSource.Apis.Validation;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Reconciler;
using k8s.Models;
using Xunit;

namespace MqttSource.Controller.Tests.Manifests;

/// <summary>config/ and samples/: every YAML parses, the samples are valid, the CRD schema accepts them and rejects bad sources.</summary>
public sealed class ManifestTests
{
    public static TheoryData<string> Files() => [.. ManifestFiles.All.Select(ManifestFiles.Relative)];

    public static TheoryData<string> Sources() => [.. ManifestFiles.SampleSources().Select(s => s.File + "#" + s.Source["metadata"]!["name"]!.GetValue<string>())];

    private static JsonObject SampleSource(string id) =>
        ManifestFiles.SampleSources().Single(s => s.File + "#" + s.Source["metadata"]!["name"]!.GetValue<string>() == id).Source;

    private static JsonObject Schema() =>
        ManifestFiles.Crd()["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    private static JsonObject Valid() => JsonNode.Parse("""
        {"apiVersion":"sources.knative.dev/v1alpha1","kind":"MqttSource","metadata":{"name":"x","namespace":"edge"},
         "spec":{"broker":{"url":"mqtt://m:1883"},"topics":[{"filter":"a/#","qos":1}],"sink":{"uri":"http://s/"}}}
        """)!.AsObject();

    [Theory]
    [MemberData(nameof(Files))]
    public void Yaml_Parses_EveryDocumentIsAKubernetesObject(string file)
    {
        var documents = ManifestFiles.Documents(Path.Combine(ManifestFiles.RepositoryRoot, file));

        Assert.NotEmpty(documents);
        Assert.All(documents, d =>
        {
            Assert.False(string.IsNullOrEmpty(d["apiVersion"]?.GetValue<string>()), file + ": apiVersion");
            Assert.False(string.IsNullOrEmpty(d["kind"]?.GetValue<string>()), file + ": kind");
            Assert.False(string.IsNullOrEmpty(d["metadata"]?["name"]?.GetValue<string>()), file + ": metadata.name");
        });
    }

    [Fact]
    public void Config_KubectlApplyDashF_OnlyKubernetesObjects()
    {
        // kubectl apply -f config/ sends every .yaml/.yml/.json file of the folder (not its subfolders) as objects:
        // a kustomization.yaml there fails with "no matches for kind Kustomization".
        var config = Path.Combine(ManifestFiles.RepositoryRoot, "config");
        var files = Directory.EnumerateFiles(config).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(files, f => Path.GetFileName(f).StartsWith("kustomization", StringComparison.OrdinalIgnoreCase));
        Assert.All(files, f => Assert.Matches("^[1-9][0-9]{2}-[a-z0-9-]+\\.yaml$", Path.GetFileName(f)));
        Assert.All(files.SelectMany(ManifestFiles.Documents), d => Assert.DoesNotContain("kustomize", d["apiVersion"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void Samples_ThereAreSourcesInEveryFolder()
    {
        var folders = ManifestFiles.SampleSources().Select(s => s.File.Split(Path.DirectorySeparatorChar)[1]).Distinct().ToList();

        Assert.Contains("quick-start", folders);
        Assert.Contains("broker-trigger", folders);
        Assert.Contains("tls-auth", folders);
        Assert.All(new[] { "quick-start", "broker-trigger", "tls-auth" }, f => Assert.True(File.Exists(Path.Combine(ManifestFiles.RepositoryRoot, "samples", f, "README.md")), f + "/README.md"));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void SampleSource_PassesValidator(string id)
    {
        var source = SampleSource(id);
        var spec = MqttSourceSpec.FromJson(source["spec"]!.ToJsonString(), strict: true);

        Assert.Empty(MqttSourceValidator.Validate(spec, ValidationMode.Kubernetes));
        Assert.NotNull(MqttSourceSettings.Resolve(spec, source["metadata"]!["name"]!.GetValue<string>(), "default"));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void SampleSource_AcceptedByCrdSchema(string id) =>
        Assert.Empty(StructuralSchema.Validate(SampleSource(id), Schema()));

    [Fact]
    public void Crd_AcceptsMinimalSource() => Assert.Empty(StructuralSchema.Validate(Valid(), Schema()));

    [Theory]
    [InlineData("/spec/topics/0/qos", "3", "spec.topics[0].qos: must be <= 2")]
    [InlineData("/spec/topics/0/qos", "\"1\"", "spec.topics[0].qos: expected an integer")]
    [InlineData("/spec/parallelism", "0", "spec.parallelism: must be >= 1")]
    [InlineData("/spec/parallelism", "1001", "spec.parallelism: must be <= 1000")]
    [InlineData("/spec/replicas", "0", "spec.replicas: must be >= 1")]
    [InlineData("/spec/topics", "[]", "spec.topics: at least 1 items")]
    [InlineData("/spec/broker/url", "\"http://m\"", "spec.broker.url: does not match")]
    [InlineData("/spec/broker/protocolVersion", "\"4\"", "spec.broker.protocolVersion: '4' is not one of")]
    [InlineData("/spec/event", "{\"contentMode\":\"Binary\"}", "spec.event.contentMode: 'Binary' is not one of")]
    [InlineData("/spec/ordering", "\"random\"", "spec.ordering: 'random' is not one of")]
    [InlineData("/spec/delivery", "{\"backoffDelay\":\"200ms\"}", "spec.delivery.backoffDelay: does not match")]
    [InlineData("/spec/broker/keepAlive", "\"30 seconds\"", "spec.broker.keepAlive: does not match")]
    [InlineData("/spec/sharedGroup", "\"a/b\"", "spec.sharedGroup: does not match")]
    [InlineData("/spec/ceOverrides", "{\"extensions\":{\"region\":1}}", "spec.ceOverrides.extensions.region: expected a string")]
    [InlineData("/spec/topics/0/qso", "1", "spec.topics[0].qso: unknown field")]
    [InlineData("/spec/broker/auth", "{\"password\":{\"secretKeyRef\":{\"name\":\"s\"}}}", "spec.broker.auth.password.secretKeyRef.key: required")]
    [InlineData("/spec/sink", "{\"ref\":{\"kind\":\"Broker\",\"name\":\"default\"}}", "spec.sink.ref.apiVersion: required")]
    public void Crd_RejectsBadSource(string jsonPath, string json, string expected)
    {
        var source = Valid();
        Set(source, jsonPath, JsonNode.Parse(json));

        var errors = StructuralSchema.Validate(source, Schema());

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/spec/broker")]
    [InlineData("/spec/topics")]
    [InlineData("/spec/sink")]
    public void Crd_RequiredMissing_Rejected(string jsonPath)
    {
        var source = Valid();
        var parts = jsonPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        source["spec"]!.AsObject().Remove(parts[1]);

        Assert.Contains(StructuralSchema.Validate(source, Schema()), e => e == "spec." + parts[1] + ": required");
    }

    [Fact]
    public void Crd_KnativeSourceShape()
    {
        var crd = ManifestFiles.Crd();
        var meta = crd["metadata"]!;
        var version = crd["spec"]!["versions"]![0]!;

        Assert.Equal("mqttsources.sources.knative.dev", meta["name"]!.GetValue<string>());
        Assert.Equal("true", meta["labels"]!["duck.knative.dev/source"]!.GetValue<string>());
        Assert.Equal("true", meta["labels"]!["eventing.knative.dev/source"]!.GetValue<string>());
        var eventTypes = JsonNode.Parse(meta["annotations"]!["registry.knative.dev/eventTypes"]!.GetValue<string>())!.AsArray();
        Assert.Contains(eventTypes, t => t!["type"]!.GetValue<string>() == MqttSourceDefaults.EventType);
        Assert.Equal(["all", "knative", "sources"], crd["spec"]!["names"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("v1alpha1", version["name"]!.GetValue<string>());
        Assert.NotNull(version["subresources"]!["status"]);
        Assert.Equal(["Sink", "Ready", "Reason", "Age"], version["additionalPrinterColumns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(".status.sinkUri", version["additionalPrinterColumns"]![0]!["jsonPath"]!.GetValue<string>());
    }

    [Fact]
    public void Crd_DefaultsAgreeWithApis()
    {
        var spec = Schema()["properties"]!["spec"]!["properties"]!;

        Assert.Equal(MqttSourceDefaults.ProtocolVersion, spec["broker"]!["properties"]!["protocolVersion"]!["default"]!.GetValue<string>());
        Assert.Equal(MqttSourceDefaults.Qos, spec["topics"]!["items"]!["properties"]!["qos"]!["default"]!.GetValue<long>());
        Assert.Equal(MqttSourceDefaults.Parallelism, spec["parallelism"]!["default"]!.GetValue<long>());
        Assert.Equal(MqttSourceValidator.MaxParallelism, spec["parallelism"]!["maximum"]!.GetValue<long>());
        Assert.Equal(MqttSourceDefaults.Replicas, spec["replicas"]!["default"]!.GetValue<long>());
        Assert.Equal(MqttSourceDefaults.SessionPersistent, spec["broker"]!["properties"]!["session"]!["properties"]!["persistent"]!["default"]!.GetValue<bool>());
        Assert.Equal("30s", spec["broker"]!["properties"]!["keepAlive"]!["default"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromSeconds(30), MqttSourceDefaults.KeepAlive);
    }

    [Fact]
    public void Config_Rbac_LeastPrivilegeAndObserverRole()
    {
        var docs = ManifestFiles.AllDocuments().Where(d => d.File.StartsWith("config", StringComparison.Ordinal)).Select(d => d.Document).ToList();
        var roles = docs.Where(d => d["kind"]!.GetValue<string>() is "ClusterRole" or "Role").ToList();
        var controller = roles.Single(r => r["metadata"]!["name"]!.GetValue<string>() == "mqtt-source-controller");
        var resources = controller["rules"]!.AsArray().SelectMany(r => r!["resources"]!.AsArray().Select(x => x!.GetValue<string>())).ToList();

        Assert.DoesNotContain("secrets", resources);
        Assert.DoesNotContain("*", resources);
        Assert.Contains("mqttsources/status", resources);
        Assert.Contains("events", resources);
        var rules = controller["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
        IEnumerable<string> Verbs(string resource) => rules.Where(r => r["resources"]!.AsArray().Any(x => x!.GetValue<string>() == resource)).SelectMany(r => r["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        foreach (var child in new[] { "statefulsets", "services", "serviceaccounts" })
        {
            Assert.Subset(Verbs(child).ToHashSet(), new HashSet<string> { "get", "list", "watch", "create", "update" });
        }

        // Children are garbage-collected with their source: the controller never deletes anything.
        Assert.DoesNotContain(rules, r => r["verbs"]!.AsArray().Any(v => v!.GetValue<string>() is "delete" or "deletecollection"));
        var configMaps = rules.Single(r => r["resources"]!.AsArray().Any(x => x!.GetValue<string>() == "configmaps"));
        Assert.Equal(["config-features", "config-logging", "config-observability"], configMaps["resourceNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["get", "list", "watch"], configMaps["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        var observer = roles.Single(r => r["metadata"]!["labels"]?["duck.knative.dev/source"]?.GetValue<string>() == "true");
        Assert.Equal(["get", "list", "watch"], observer["rules"]![0]!["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains(docs, d => d["kind"]!.GetValue<string>() == "ClusterRoleBinding" && d["roleRef"]!["name"]!.GetValue<string>() == "addressable-resolver");
        Assert.Contains(roles, r => r["kind"]!.GetValue<string>() == "Role" && r["rules"]![0]!["resources"]![0]!.GetValue<string>() == "leases");
    }

    [Fact]
    public void Config_LoggingAndObservabilityConfigMaps_InTheControllerNamespaceWithValidLevels()
    {
        var configMaps = ManifestFiles.AllDocuments()
            .Where(d => d.File.StartsWith("config", StringComparison.Ordinal) && d.Document["kind"]!.GetValue<string>() == "ConfigMap")
            .ToDictionary(d => d.Document["metadata"]!["name"]!.GetValue<string>(), d => d);

        Assert.Equal("config/400-config-logging.yaml", configMaps[ConfigMapNames.Logging].File.Replace('\\', '/'));
        Assert.Equal("config/400-config-observability.yaml", configMaps[ConfigMapNames.Observability].File.Replace('\\', '/'));
        Assert.All(configMaps.Values, c => Assert.Equal("mqtt-source-system", c.Document["metadata"]!["namespace"]!.GetValue<string>()));
        var config = ObservabilityConfig.From(ToConfigMap(configMaps[ConfigMapNames.Logging].Document), ToConfigMap(configMaps[ConfigMapNames.Observability].Document));
        Assert.Empty(config.Problems);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, config.ControllerLevel);
        Assert.Equal("info", JsonNode.Parse(config.LoggingJson!)![ConfigMapNames.AdapterLevelKey]!.GetValue<string>());
        Assert.DoesNotContain("_example", config.LoggingJson!, StringComparison.Ordinal);
        Assert.NotNull(config.ObservabilityJson);
    }

    [Fact]
    public void Crd_StatusSchema_KeepsEveryFieldTheControllerWrites()
    {
        // The API server prunes status fields the schema does not name: everything the controller writes must be there.
        var source = Valid();
        source["status"] = JsonNode.Parse(new MqttSourceStatus
        {
            ObservedGeneration = 2,
            Conditions = [new Condition { Type = ConditionTypes.Ready, Status = ConditionStatus.True, Reason = "R", Message = "M", Severity = "Info", LastTransitionTime = DateTimeOffset.UnixEpoch }],
            SinkUri = "http://s/",
            SinkCACerts = "PEM",
            SinkAudience = "aud",
            Auth = new AuthStatus { ServiceAccountName = OidcIdentity.NameFor("x") },
            CeAttributes = [new CloudEventAttributes { Type = "t", Source = "s" }],
        }.ToJson());

        Assert.Empty(StructuralSchema.Validate(source, Schema()));
    }

    [Fact]
    public void Config_ControllerDeployment_EnvProbesAndRestrictedSecurity()
    {
        var deployment = ManifestFiles.AllDocuments().Single(d => d.Document["kind"]!.GetValue<string>() == "Deployment" && d.File.StartsWith("config", StringComparison.Ordinal)).Document;
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var env = container["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>());

        Assert.Equal("registry.example.com/mqtt-source/controller:v0.1.0", container["image"]!.GetValue<string>());
        Assert.Equal("registry.example.com/mqtt-source/adapter:v0.1.0", env["MQTT_RA_IMAGE"]!["value"]!.GetValue<string>());
        Assert.Equal("metadata.name", env["POD_NAME"]!["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"]!["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        Assert.Equal("/health", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readiness", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        var security = container["securityContext"]!;
        Assert.True(security["runAsNonRoot"]!.GetValue<bool>());
        Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Equal("ALL", security["capabilities"]!["drop"]![0]!.GetValue<string>());
        Assert.Equal("RuntimeDefault", security["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.Equal("mqtt-source-controller", deployment["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
    }

    [Fact]
    public void Manifests_OurImagesUseTheOnePlaceholder()
    {
        var images = ManifestFiles.All.SelectMany(f => File.ReadAllLines(f))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("image:", StringComparison.Ordinal) || l.StartsWith("- image:", StringComparison.Ordinal) || l.StartsWith("value: registry", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .Where(i => i.Contains("mqtt-source", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(images);
        Assert.All(images, i => Assert.Matches("^registry\\.example\\.com/mqtt-source/(controller|adapter|event-display):v0\\.1\\.0$", i));
    }

    private static V1ConfigMap ToConfigMap(JsonObject document) => new()
    {
        Metadata = new V1ObjectMeta { Name = document["metadata"]!["name"]!.GetValue<string>() },
        Data = document["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
    };

    private static void Set(JsonObject root, string jsonPath, JsonNode? value)
    {
        var parts = jsonPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode node = root;
        foreach (var part in parts[..^1])
        {
            node = node is JsonArray array ? array[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!;
        }

        if (node is JsonArray target)
        {
            target[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node[parts[^1]] = value;
        }
    }
}
