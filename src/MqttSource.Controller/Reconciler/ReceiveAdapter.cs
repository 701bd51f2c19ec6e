using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MqttSource.Apis.Spec;
using MqttSource.Controller.Resources;
using MqttSource.Kubernetes.Json;
using MqttSource.Kubernetes.Models;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// Builds the receive adapter StatefulSet of an MqttSource: a pure function of its arguments (Knative's
/// <c>MakeReceiveAdapter</c>). A StatefulSet, because an MQTT persistent session needs a client id that is stable
/// across restarts and held by at most one pod (PRODUCT.md §5 "Identity"): pod <c>&lt;sts&gt;-&lt;k&gt;</c> uses
/// client id <c>&lt;clientId&gt;-&lt;k&gt;</c>, derived by the adapter from <c>POD_NAME</c>.
/// </summary>
internal static class ReceiveAdapter
{
    /// <summary>Port of the adapter's <c>/health</c>, <c>/readiness</c> and <c>/metrics</c>.</summary>
    public const int HttpPort = 8080;

    /// <summary>Where the projected OIDC token is mounted (<c>K_OIDC_TOKEN_FILE</c>).</summary>
    public const string TokenDirectory = "/var/run/secrets/tokens";

    /// <summary>The OIDC token file.</summary>
    public const string TokenFile = TokenDirectory + "/oidc-token";

    /// <summary>Where broker TLS files from Secrets are mounted (one folder per file).</summary>
    public const string TlsDirectory = "/etc/mqtt-source/tls";

    /// <summary>Longest StatefulSet name: its pods carry <c>controller-revision-hash: &lt;name&gt;-&lt;10 chars&gt;</c>, a label value (≤ 63).</summary>
    public const int MaxNameLength = 52;

    /// <summary>The StatefulSet name for source <paramref name="sourceName"/>: <c>mqttsource-&lt;name&gt;</c>, shortened with a hash when too long.</summary>
    public static string NameFor(string sourceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        var name = "mqttsource-" + sourceName;
        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceName)))[..8];
        return name[..(MaxNameLength - 9)].TrimEnd('-', '.') + "-" + hash;
    }

    /// <summary>The labels of the StatefulSet and its pods (the first two are its selector).</summary>
    public static Dictionary<string, string> Labels(string sourceName) => new(StringComparer.Ordinal)
    {
        [AdapterLabels.SourceKey] = AdapterLabels.SourceValue,
        [AdapterLabels.NameKey] = sourceName,
        ["app.kubernetes.io/name"] = "mqtt-source-adapter",
        ["app.kubernetes.io/instance"] = sourceName,
        ["app.kubernetes.io/component"] = "receive-adapter",
        ["app.kubernetes.io/part-of"] = "mqtt-source",
        ["app.kubernetes.io/managed-by"] = AdapterLabels.SourceValue,
    };

    /// <summary>The desired StatefulSet, with <see cref="AdapterLabels.SpecHashAnnotation"/> set to the hash of everything else.</summary>
    public static StatefulSet Make(ReceiveAdapterArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var meta = args.Source.Metadata;
        var name = meta.Name ?? throw new ArgumentException("the source has no name", nameof(args));
        var ns = meta.Namespace ?? throw new ArgumentException("the source has no namespace", nameof(args));
        var spec = args.Spec;
        var volumes = new List<Volume> { new() { Name = "tmp", AdditionalProperties = Members(("emptyDir", "{}")) } };
        var mounts = new List<VolumeMount> { new() { Name = "tmp", MountPath = "/tmp" } };
        var env = Env(args, name, ns, volumes, mounts);
        var adapter = spec.Adapter;
        var container = new Container
        {
            Name = AdapterLabels.ContainerName,
            Image = args.Image,
            Env = env,
            Ports = [new ContainerPort { Name = "http", Number = HttpPort, Protocol = "TCP" }],
            Resources = adapter?.Resources is { Count: > 0 } resources ? (JsonObject)resources.DeepClone() : DefaultResources(),
            LivenessProbe = HttpProbe("/health", period: 10, failures: 3),
            ReadinessProbe = HttpProbe("/readiness", period: 5, failures: 2),
            SecurityContext = new SecurityContext
            {
                AllowPrivilegeEscalation = false,
                ReadOnlyRootFilesystem = true,
                RunAsNonRoot = true,
                Capabilities = new JsonObject { ["drop"] = new JsonArray("ALL") },
                SeccompProfile = new JsonObject { ["type"] = "RuntimeDefault" },
            },
            VolumeMounts = mounts,
        };
        var labels = Labels(name);
        var set = new StatefulSet
        {
            Metadata = new ObjectMeta
            {
                Name = NameFor(name),
                Namespace = ns,
                Labels = labels,
                OwnerReferences =
                [
                    new OwnerReference
                    {
                        ApiVersion = MqttSourceResources.ApiVersion,
                        Kind = MqttSourceResources.Kind,
                        Name = name,
                        Uid = meta.Uid,
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = new StatefulSetSpec
            {
                Replicas = spec.Replicas ?? 1,
                ServiceName = NameFor(name),
                PodManagementPolicy = "Parallel",
                UpdateStrategy = new JsonObject { ["type"] = "RollingUpdate" },
                Selector = new LabelSelector { MatchLabels = SelectorLabels(name) },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal) },
                    Spec = new PodSpec
                    {
                        Containers = [container],
                        Volumes = volumes,
                        AutomountServiceAccountToken = false,
                        TerminationGracePeriodSeconds = 40,
                        SecurityContext = new PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            SeccompProfile = new JsonObject { ["type"] = "RuntimeDefault" },
                        },
                        NodeSelector = adapter?.NodeSelector is { Count: > 0 } nodeSelector ? (JsonObject)nodeSelector.DeepClone() : null,
                        Tolerations = adapter?.Tolerations is { Count: > 0 } tolerations ? (JsonArray)tolerations.DeepClone() : null,
                    },
                },
            },
        };
        set.Metadata.Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [AdapterLabels.SpecHashAnnotation] = Hash(set) };
        return set;
    }

    /// <summary>The selector labels (immutable once the StatefulSet exists).</summary>
    public static Dictionary<string, string> SelectorLabels(string sourceName) => new(StringComparer.Ordinal)
    {
        [AdapterLabels.SourceKey] = AdapterLabels.SourceValue,
        [AdapterLabels.NameKey] = sourceName,
    };

    /// <summary>SHA-256 (hex, 32 chars) of the StatefulSet as JSON, annotations left out.</summary>
    public static string Hash(StatefulSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var annotations = set.Metadata.Annotations;
        set.Metadata.Annotations = null;
        try
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(set, KubernetesJsonContext.Default.StatefulSet);
            return Convert.ToHexStringLower(SHA256.HashData(json))[..32];
        }
        finally
        {
            set.Metadata.Annotations = annotations;
        }
    }

    private static List<EnvVar> Env(ReceiveAdapterArgs args, string name, string ns, List<Volume> volumes, List<VolumeMount> mounts)
    {
        var spec = args.Spec;
        var env = new List<EnvVar>
        {
            Value("NAME", name),
            Value("NAMESPACE", ns),
            new() { Name = "POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.name" } } },
            Value("K_SINK", args.Sink.Uri.AbsoluteUri),
        };
        if (args.Sink.CACerts is { Length: > 0 } caCerts)
        {
            env.Add(Value("K_CA_CERTS", caCerts));
        }

        if (args.Sink.Audience is { Length: > 0 } audience)
        {
            env.Add(Value("K_AUDIENCE", audience));
            env.Add(Value("K_OIDC_TOKEN_FILE", TokenFile));
            volumes.Add(new Volume
            {
                Name = "oidc-token",
                Projected = new ProjectedVolumeSource
                {
                    Sources = [new VolumeProjection { ServiceAccountToken = new ServiceAccountTokenProjection { Audience = audience, ExpirationSeconds = 3600, Path = "oidc-token" } }],
                },
            });
            mounts.Add(new VolumeMount { Name = "oidc-token", MountPath = TokenDirectory, ReadOnly = true });
        }

        if (args.DeadLetterSink is { } deadLetter)
        {
            env.Add(Value("K_DEAD_LETTER_SINK", deadLetter.Uri.AbsoluteUri));
        }

        if (spec.CeOverrides?.Extensions is { Count: > 0 })
        {
            env.Add(Value("K_CE_OVERRIDES", spec.CeOverrides.ToJson()));
        }

        if (args.LoggingConfig is { Length: > 0 } logging)
        {
            env.Add(Value("K_LOGGING_CONFIG", logging));
        }

        env.Add(Value("HTTP_PORT", HttpPort.ToString(CultureInfo.InvariantCulture)));
        // The spec without the pod overrides (those shape the pod, not the adapter); the adapter validates it again.
        env.Add(Value("MQTT_SOURCE_SPEC", (spec with { Adapter = null }).ToJson()));
        if (spec.Broker?.Auth is { } auth)
        {
            AddSecretEnv(env, "MQTT_USERNAME", auth.Username);
            AddSecretEnv(env, "MQTT_PASSWORD", auth.Password);
        }

        if (spec.Broker?.Tls is { } tls)
        {
            AddSecretFile(env, volumes, mounts, "MQTT_TLS_CA_FILE", "tls-ca", "ca.crt", tls.CaCert);
            AddSecretFile(env, volumes, mounts, "MQTT_TLS_CERT_FILE", "tls-cert", "tls.crt", tls.ClientCert);
            AddSecretFile(env, volumes, mounts, "MQTT_TLS_KEY_FILE", "tls-key", "tls.key", tls.ClientKey);
        }

        if (spec.Adapter?.Env is { Count: > 0 } overrides)
        {
            foreach (var node in overrides)
            {
                if (node?.Deserialize(KubernetesJsonContext.Default.EnvVar) is not { Name: { Length: > 0 } overrideName } extra)
                {
                    continue;
                }

                var index = env.FindIndex(e => e.Name == overrideName);
                if (index >= 0)
                {
                    env[index] = extra;
                }
                else
                {
                    env.Add(extra);
                }
            }
        }

        return env;
    }

    private static void AddSecretEnv(List<EnvVar> env, string variable, Apis.Spec.SecretKeySelector? selector)
    {
        if (selector?.SecretKeyRef is { Name: { Length: > 0 } secret, Key: { Length: > 0 } key })
        {
            env.Add(new EnvVar { Name = variable, ValueFrom = new EnvVarSource { SecretKeyRef = new Kubernetes.Models.SecretKeySelector { Name = secret, Key = key } } });
        }
    }

    private static void AddSecretFile(List<EnvVar> env, List<Volume> volumes, List<VolumeMount> mounts, string variable, string volume, string file, Apis.Spec.SecretKeySelector? selector)
    {
        if (selector?.SecretKeyRef is not { Name: { Length: > 0 } secret, Key: { Length: > 0 } key })
        {
            return;
        }

        var directory = TlsDirectory + "/" + volume["tls-".Length..];
        volumes.Add(new Volume
        {
            Name = volume,
            Secret = new SecretVolumeSource { SecretName = secret, Items = new JsonArray(new JsonObject { ["key"] = key, ["path"] = file }) },
        });
        mounts.Add(new VolumeMount { Name = volume, MountPath = directory, ReadOnly = true });
        env.Add(Value(variable, directory + "/" + file));
    }

    private static EnvVar Value(string name, string value) => new() { Name = name, Value = value };

    private static Probe HttpProbe(string path, int period, int failures) => new()
    {
        HttpGet = new HttpGetAction { Path = path, Port = HttpPort, Scheme = "HTTP" },
        PeriodSeconds = period,
        FailureThreshold = failures,
        TimeoutSeconds = 2,
    };

    private static JsonObject DefaultResources() => new()
    {
        ["requests"] = new JsonObject { ["cpu"] = "50m", ["memory"] = "64Mi" },
        ["limits"] = new JsonObject { ["memory"] = "256Mi" },
    };

    private static Dictionary<string, JsonElement> Members(params (string Name, string Json)[] members)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (memberName, json) in members)
        {
            using var document = JsonDocument.Parse(json);
            result[memberName] = document.RootElement.Clone();
        }

        return result;
    }
}
