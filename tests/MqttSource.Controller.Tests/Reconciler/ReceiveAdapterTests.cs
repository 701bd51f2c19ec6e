using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Validation;
using MqttSource.Controller.Reconciler;
using MqttSource.Controller.Resources;
using MqttSource.Controller.Sinks;
using Xunit;

namespace MqttSource.Controller.Tests.Reconciler;

/// <summary>Golden checks of the pure StatefulSet builder.</summary>
public sealed class ReceiveAdapterTests
{
    private const string SpecJson = """
        {"broker":{"url":"mqtts://mosquitto.edge.svc:8883","clientId":"plant1",
                   "auth":{"username":{"secretKeyRef":{"name":"mqtt-creds","key":"username"}},"password":{"secretKeyRef":{"name":"mqtt-creds","key":"password"}}},
                   "tls":{"caCert":{"secretKeyRef":{"name":"mqtt-tls","key":"ca.crt"}},"clientCert":{"secretKeyRef":{"name":"mqtt-tls","key":"tls.crt"}},"clientKey":{"secretKeyRef":{"name":"mqtt-tls","key":"tls.key"}}}},
         "topics":[{"filter":"sensors/#"}],"sharedGroup":"g","replicas":3,
         "ceOverrides":{"extensions":{"region":"eu"}},
         "sink":{"uri":"http://display.edge.svc.cluster.local/"},
         "adapter":{"resources":{"limits":{"memory":"1Gi"}},"nodeSelector":{"edge":"true"},"tolerations":[{"key":"edge","operator":"Exists"}],
                    "env":[{"name":"HTTP_PORT","value":"8080"},{"name":"EXTRA","value":"1"}]}}
        """;

    private static MqttSourceResource Source(string name = "telemetry") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "edge", Uid = "uid-1", Generation = 1 },
        Spec = JsonNode.Parse(SpecJson)!.AsObject(),
    };

    private static V1StatefulSet Make(ResolvedSink? sink = null, MqttSourceResource? source = null, string? serviceAccount = null)
    {
        source ??= Source();
        var spec = MqttSourceSpec.FromJson(source.Spec!.ToJsonString());
        var overrides = AdapterOverrides.Read(spec.Adapter, out var errors);
        Assert.Empty(errors);
        return ReceiveAdapter.Make(new ReceiveAdapterArgs
        {
            Source = source,
            Spec = spec,
            Overrides = overrides,
            ServiceAccountName = serviceAccount,
            Sink = sink ?? new ResolvedSink(new Uri("http://display.edge.svc.cluster.local/"), null, null),
            DeadLetterSink = new ResolvedSink(new Uri("http://dlq.edge.svc.cluster.local/"), null, null),
            Image = "registry.example.com/mqtt-source/adapter:v0.1.0",
        });
    }

    private static V1Container Container(V1StatefulSet set) => Assert.Single(set.Spec!.Template!.Spec!.Containers);

    private static Dictionary<string, V1EnvVar> Env(V1StatefulSet set) => Container(set).Env!.ToDictionary(e => e.Name!);

    [Fact]
    public void Make_EnvContract_AsTheAdapterReadsIt()
    {
        var env = Env(Make());

        Assert.Equal("telemetry", env["NAME"].Value);
        Assert.Equal("edge", env["NAMESPACE"].Value);
        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal("http://display.edge.svc.cluster.local/", env["K_SINK"].Value);
        Assert.Equal("http://dlq.edge.svc.cluster.local/", env["K_DEAD_LETTER_SINK"].Value);
        Assert.Equal("eu", JsonNode.Parse(env["K_CE_OVERRIDES"].Value!)!["extensions"]!["region"]!.GetValue<string>());
        Assert.Equal("8080", env["HTTP_PORT"].Value);
        Assert.False(env.ContainsKey("K_AUDIENCE"));
        Assert.False(env.ContainsKey("K_CA_CERTS"));
        var spec = MqttSourceSpec.FromJson(env["MQTT_SOURCE_SPEC"].Value!, strict: true);
        Assert.Empty(MqttSourceValidator.Validate(spec, ValidationMode.Kubernetes));
        Assert.Null(spec.Adapter);
        Assert.Equal("plant1", spec.Broker!.ClientId);
        Assert.Equal("1", env["EXTRA"].Value);
        Assert.Single(Container(Make()).Env!, e => e.Name == "HTTP_PORT");
    }

    [Fact]
    public void Make_Secrets_ReferencedNeverCopied()
    {
        var set = Make();
        var env = Env(set);

        Assert.Null(env["MQTT_USERNAME"].Value);
        Assert.Equal(("mqtt-creds", "username"), (env["MQTT_USERNAME"].ValueFrom!.SecretKeyRef!.Name, env["MQTT_USERNAME"].ValueFrom!.SecretKeyRef!.Key));
        Assert.Null(env["MQTT_PASSWORD"].Value);
        Assert.Equal(("mqtt-creds", "password"), (env["MQTT_PASSWORD"].ValueFrom!.SecretKeyRef!.Name, env["MQTT_PASSWORD"].ValueFrom!.SecretKeyRef!.Key));
        Assert.Equal("/etc/mqtt-source/tls/ca/ca.crt", env["MQTT_TLS_CA_FILE"].Value);
        Assert.Equal("/etc/mqtt-source/tls/cert/tls.crt", env["MQTT_TLS_CERT_FILE"].Value);
        Assert.Equal("/etc/mqtt-source/tls/key/tls.key", env["MQTT_TLS_KEY_FILE"].Value);
        var volumes = set.Spec!.Template!.Spec!.Volumes!.ToDictionary(v => v.Name!);
        Assert.Equal("mqtt-tls", volumes["tls-key"].Secret!.SecretName);
        Assert.Equal("tls.key", volumes["tls-key"].Secret!.Items![0].Key);
        var mounts = Container(set).VolumeMounts!.ToDictionary(m => m.Name!);
        Assert.Equal("/etc/mqtt-source/tls/key", mounts["tls-key"].MountPath);
        Assert.True(mounts["tls-key"].ReadOnlyProperty);
    }

    [Fact]
    public void Make_Audience_ProjectsServiceAccountToken()
    {
        var set = Make(new ResolvedSink(new Uri("https://broker.example/"), "PEM", "my-audience"));
        var env = Env(set);

        Assert.Equal("my-audience", env["K_AUDIENCE"].Value);
        Assert.Equal("/var/run/secrets/tokens/oidc-token", env["K_OIDC_TOKEN_FILE"].Value);
        Assert.Equal("PEM", env["K_CA_CERTS"].Value);
        var token = set.Spec!.Template!.Spec!.Volumes!.Single(v => v.Name == "oidc-token").Projected!.Sources.Single().ServiceAccountToken!;
        Assert.Equal("my-audience", token.Audience);
        Assert.Equal("oidc-token", token.Path);
        Assert.Contains(Container(set).VolumeMounts!, m => m.Name == "oidc-token" && m.MountPath == "/var/run/secrets/tokens");
    }

    [Fact]
    public void Make_RestrictedSecurityContextAndProbes()
    {
        var set = Make();
        var container = Container(set);
        var security = container.SecurityContext!;

        Assert.True(security.RunAsNonRoot);
        Assert.False(security.AllowPrivilegeEscalation);
        Assert.True(security.ReadOnlyRootFilesystem);
        Assert.Equal("ALL", security.Capabilities!.Drop![0]);
        Assert.Equal("RuntimeDefault", security.SeccompProfile!.Type);
        Assert.Equal("RuntimeDefault", set.Spec!.Template!.Spec!.SecurityContext!.SeccompProfile!.Type);
        Assert.True(set.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
        Assert.False(set.Spec.Template.Spec.AutomountServiceAccountToken);
        Assert.Equal(("/health", "8080"), (container.LivenessProbe!.HttpGet!.Path, container.LivenessProbe.HttpGet.Port.Value));
        Assert.Equal(("/readiness", "8080"), (container.ReadinessProbe!.HttpGet!.Path, container.ReadinessProbe.HttpGet.Port.Value));
        Assert.Equal(AdapterOverrides.DefaultShutdownGraceSeconds + AdapterOverrides.TerminationMarginSeconds, set.Spec.Template.Spec.TerminationGracePeriodSeconds);
        Assert.Null(set.Spec.Template.Spec.ServiceAccountName);
        Assert.Contains(container.VolumeMounts!, m => m.MountPath == "/tmp");
    }

    [Fact]
    public void Make_OwnerReferenceLabelsAndShape()
    {
        var set = Make();

        Assert.Equal("mqttsource-telemetry", set.Metadata.Name);
        Assert.Equal("edge", set.Metadata.NamespaceProperty);
        var owner = Assert.Single(set.Metadata.OwnerReferences!);
        Assert.Equal(("sources.knative.dev/v1alpha1", "MqttSource", "telemetry", "uid-1", true, true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal("mqtt-source-controller", set.Metadata.Labels!["sources.knative.dev/source"]);
        Assert.Equal("telemetry", set.Metadata.Labels["sources.knative.dev/name"]);
        Assert.Equal("mqtt-source-adapter", set.Metadata.Labels["app.kubernetes.io/name"]);
        Assert.Equal(2, set.Spec!.Selector!.MatchLabels!.Count);
        Assert.All(set.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, set.Spec.Template!.Metadata!.Labels![l.Key]));
        Assert.Equal("Parallel", set.Spec.PodManagementPolicy);
        Assert.Equal("mqttsource-telemetry", set.Spec.ServiceName);
        Assert.Equal(3, set.Spec.Replicas);
        Assert.Equal("registry.example.com/mqtt-source/adapter:v0.1.0", Container(set).Image);
    }

    [Fact]
    public void Make_AdapterOverrides_ReplaceDefaults()
    {
        var set = Make();
        var pod = set.Spec!.Template!.Spec!;

        Assert.Equal("1Gi", Container(set).Resources!.Limits!["memory"].ToString());
        Assert.Equal("true", pod.NodeSelector!["edge"]);
        Assert.Equal("edge", pod.Tolerations![0].Key);

        var plain = Source();
        plain.Spec!.Remove("adapter");
        var defaults = Container(Make(source: plain)).Resources!;
        Assert.Equal("64Mi", defaults.Requests!["memory"].ToString());
        Assert.Equal("256Mi", defaults.Limits!["memory"].ToString());
    }

    [Fact]
    public void Make_SameInput_SameObject_DifferentSpec_DifferentEnv()
    {
        var changed = Source();
        changed.Spec!["parallelism"] = 4;

        Assert.Equal(KubernetesJson.Serialize(Make()), KubernetesJson.Serialize(Make()));
        Assert.NotEqual(Env(Make())["MQTT_SOURCE_SPEC"].Value, Env(Make(source: changed))["MQTT_SOURCE_SPEC"].Value);
    }

    [Fact]
    public void Make_ServiceAccount_RunsUnderIt()
    {
        Assert.Equal("telemetry-oidc-sources.knative.dev-mqttsource", Make(serviceAccount: OidcIdentity.NameFor("telemetry")).Spec.Template.Spec.ServiceAccountName);
    }

    [Theory]
    [InlineData("60", 75)]
    [InlineData("0", 15)]
    public void Make_ShutdownGraceOverride_TerminationGraceFollows(string grace, long expected)
    {
        var source = Source();
        source.Spec!["adapter"] = JsonNode.Parse($$"""{"env":[{"name":"SHUTDOWN_GRACE_SECONDS","value":"{{grace}}"}]}""");

        var set = Make(source: source);

        Assert.Equal(expected, set.Spec.Template.Spec.TerminationGracePeriodSeconds);
        Assert.Equal(grace, Env(set)["SHUTDOWN_GRACE_SECONDS"].Value);
    }

    [Theory]
    [InlineData("""{"env":[{"name":"SHUTDOWN_GRACE_SECONDS","value":"soon"}]}""", "spec.adapter.env[0].value")]
    [InlineData("""{"env":[{"name":"SHUTDOWN_GRACE_SECONDS","value":"99999"}]}""", "spec.adapter.env[0].value")]
    [InlineData("""{"env":[{"value":"1"}]}""", "spec.adapter.env[0].name")]
    [InlineData("""{"env":[{"name":"A","value":1}]}""", "spec.adapter.env[0]")]
    [InlineData("""{"resources":{"limits":{"memory":"lots"}}}""", "spec.adapter.resources")]
    [InlineData("""{"nodeSelector":{"edge":true}}""", "spec.adapter.nodeSelector")]
    [InlineData("""{"tolerations":[{"key":1}]}""", "spec.adapter.tolerations")]
    public void AdapterOverrides_Bad_ErrorNamesTheField(string adapter, string path)
    {
        var spec = MqttSourceSpec.FromJson($$"""{"adapter":{{adapter}}}""");

        AdapterOverrides.Read(spec.Adapter, out var errors);

        Assert.Contains(errors, e => e.Path == path);
    }

    [Fact]
    public void NameFor_LongName_ShortenedStablyWithinLimit()
    {
        var name = new string('a', 200);

        var result = ReceiveAdapter.NameFor(name);

        Assert.True(result.Length <= ReceiveAdapter.MaxNameLength);
        Assert.Equal(result, ReceiveAdapter.NameFor(name));
        Assert.NotEqual(result, ReceiveAdapter.NameFor(name + "b"));
    }

    [Theory]
    [InlineData("Broker", "brokers")]
    [InlineData("InMemoryChannel", "inmemorychannels")]
    [InlineData("Service", "services")]
    [InlineData("Parallel", "parallels")]
    [InlineData("Ingress", "ingresses")]
    [InlineData("Policy", "policies")]
    public void KindPlurals_AsKubernetesDefaults(string kind, string plural) => Assert.Equal(plural, KindPlurals.Of(kind));
}
