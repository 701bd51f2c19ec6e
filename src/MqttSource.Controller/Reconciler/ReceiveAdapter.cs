using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using MqttSource.Controller.Resources;

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

    /// <summary>The StatefulSet (and headless Service) name for source <paramref name="sourceName"/>: <c>mqttsource-&lt;name&gt;</c>, shortened with a hash when too long.</summary>
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

    /// <summary>The labels of the StatefulSet, its pods and its Service (the first two are the selector).</summary>
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

    /// <summary>The selector labels (immutable once the StatefulSet exists).</summary>
    public static Dictionary<string, string> SelectorLabels(string sourceName) => new(StringComparer.Ordinal)
    {
        [AdapterLabels.SourceKey] = AdapterLabels.SourceValue,
        [AdapterLabels.NameKey] = sourceName,
    };

    /// <summary>The controller owner reference to <paramref name="source"/> that every child carries.</summary>
    public static V1OwnerReference OwnerReference(MqttSourceResource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new V1OwnerReference
        {
            ApiVersion = MqttSourceResources.ApiVersion,
            Kind = MqttSourceResources.Kind,
            Name = source.Metadata.Name,
            Uid = source.Metadata.Uid,
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }

    /// <summary>The desired StatefulSet.</summary>
    public static V1StatefulSet Make(ReceiveAdapterArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var meta = args.Source.Metadata;
        var name = meta.Name ?? throw new ArgumentException("the source has no name", nameof(args));
        var ns = meta.NamespaceProperty ?? throw new ArgumentException("the source has no namespace", nameof(args));
        var volumes = new List<V1Volume> { new() { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() } };
        var mounts = new List<V1VolumeMount> { new() { Name = "tmp", MountPath = "/tmp" } };
        var env = ReceiveAdapterEnv.Make(args, name, ns, volumes, mounts);
        var overrides = args.Overrides;
        var container = new V1Container
        {
            Name = AdapterLabels.ContainerName,
            Image = args.Image,
            Env = env,
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = HttpPort, Protocol = "TCP" }],
            Resources = overrides.Resources ?? DefaultResources(),
            LivenessProbe = HttpProbe("/health", period: 10, failures: 3),
            ReadinessProbe = HttpProbe("/readiness", period: 5, failures: 2),
            SecurityContext = new V1SecurityContext
            {
                AllowPrivilegeEscalation = false,
                ReadOnlyRootFilesystem = true,
                RunAsNonRoot = true,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            VolumeMounts = mounts,
        };
        var labels = Labels(name);
        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = new V1ObjectMeta
            {
                Name = NameFor(name),
                NamespaceProperty = ns,
                Labels = labels,
                OwnerReferences = [OwnerReference(args.Source)],
            },
            Spec = new V1StatefulSetSpec
            {
                Replicas = args.Spec.Replicas ?? 1,
                ServiceName = NameFor(name),
                PodManagementPolicy = "Parallel",
                UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate" },
                Selector = new V1LabelSelector { MatchLabels = SelectorLabels(name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal) },
                    Spec = new V1PodSpec
                    {
                        Containers = [container],
                        Volumes = volumes,
                        ServiceAccountName = args.ServiceAccountName,
                        AutomountServiceAccountToken = false,
                        TerminationGracePeriodSeconds = overrides.TerminationGracePeriodSeconds,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        NodeSelector = overrides.NodeSelector,
                        Tolerations = overrides.Tolerations,
                    },
                },
            },
        };
    }

    private static V1Probe HttpProbe(string path, int period, int failures) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = HttpPort, Scheme = "HTTP" },
        PeriodSeconds = period,
        FailureThreshold = failures,
        TimeoutSeconds = 2,
    };

    private static V1ResourceRequirements DefaultResources() => new()
    {
        Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new ResourceQuantity("50m"),
            ["memory"] = new ResourceQuantity("64Mi"),
        },
        Limits = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["memory"] = new ResourceQuantity("256Mi") },
    };

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
