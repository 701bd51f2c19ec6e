using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Validation;
using MqttSource.Controller.Api;

namespace MqttSource.Controller.Reconciler;

/// <summary>
/// <c>spec.adapter</c> read into KubernetesClient's models: container resources, node selector, tolerations, extra env,
/// and the shutdown grace the adapter gets (its <c>SHUTDOWN_GRACE_SECONDS</c>, default 25 s), from which the pod's
/// termination grace period follows. Anything the API server would refuse is reported with its path instead.
/// </summary>
internal sealed record AdapterOverrides
{
    /// <summary>The adapter's default shutdown grace (<c>SHUTDOWN_GRACE_SECONDS</c> unset).</summary>
    public const int DefaultShutdownGraceSeconds = 25;

    /// <summary>Longest <c>SHUTDOWN_GRACE_SECONDS</c> the adapter accepts.</summary>
    public const int MaxShutdownGraceSeconds = 3600;

    /// <summary>What the pod gets beyond the adapter's grace: the MQTT DISCONNECT, flushing logs, the kubelet's own latency.</summary>
    public const int TerminationMarginSeconds = 15;

    /// <summary>No overrides.</summary>
    public static AdapterOverrides None { get; } = new();

    /// <summary>Container resources, or null for the defaults.</summary>
    public V1ResourceRequirements? Resources { get; init; }

    /// <summary>Pod node selector.</summary>
    public IDictionary<string, string>? NodeSelector { get; init; }

    /// <summary>Pod tolerations.</summary>
    public IList<V1Toleration>? Tolerations { get; init; }

    /// <summary>Extra env, each replacing ours by name or appended.</summary>
    public IReadOnlyList<V1EnvVar> Env { get; init; } = [];

    /// <summary>The adapter's shutdown grace in seconds.</summary>
    public int ShutdownGraceSeconds { get; init; } = DefaultShutdownGraceSeconds;

    /// <summary>The pod's <c>terminationGracePeriodSeconds</c>: the adapter's grace plus a margin.</summary>
    public long TerminationGracePeriodSeconds => ShutdownGraceSeconds + TerminationMarginSeconds;

    /// <summary>Reads <paramref name="adapter"/>; <paramref name="errors"/> lists every problem with its path.</summary>
    public static AdapterOverrides Read(AdapterSpec? adapter, out IReadOnlyList<FieldError> errors)
    {
        var problems = new List<FieldError>();
        errors = problems;
        if (adapter is null)
        {
            return None;
        }

        var env = new List<V1EnvVar>();
        var grace = DefaultShutdownGraceSeconds;
        for (var i = 0; i < (adapter.Env?.Count ?? 0); i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"spec.adapter.env[{i}]");
            if (Convert<V1EnvVar>(adapter.Env![i], path, "env var", problems) is not { } variable)
            {
                continue;
            }

            if (string.IsNullOrEmpty(variable.Name))
            {
                problems.Add(new FieldError(path + ".name", "required"));
                continue;
            }

            if (variable.Name == "SHUTDOWN_GRACE_SECONDS")
            {
                if (variable.ValueFrom is not null
                    || !int.TryParse(variable.Value, NumberStyles.None, CultureInfo.InvariantCulture, out grace)
                    || grace > MaxShutdownGraceSeconds)
                {
                    problems.Add(new FieldError(path + ".value", string.Create(CultureInfo.InvariantCulture, $"SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 0 to {MaxShutdownGraceSeconds}, given as value (it sets the pod's termination grace period too)")));
                    grace = DefaultShutdownGraceSeconds;
                    continue;
                }
            }

            env.Add(variable);
        }

        return new AdapterOverrides
        {
            Resources = adapter.Resources is { Count: > 0 } resources ? Convert<V1ResourceRequirements>(resources, "spec.adapter.resources", "container resources object", problems) : null,
            NodeSelector = adapter.NodeSelector is { Count: > 0 } selector ? Convert<Dictionary<string, string>>(selector, "spec.adapter.nodeSelector", "map of strings", problems) : null,
            Tolerations = adapter.Tolerations is { Count: > 0 } tolerations ? Convert<List<V1Toleration>>(tolerations, "spec.adapter.tolerations", "list of tolerations", problems) : null,
            Env = env,
            ShutdownGraceSeconds = grace,
        };
    }

    private static T? Convert<T>(JsonNode? node, string path, string what, List<FieldError> problems)
        where T : class
    {
        try
        {
            var value = node is null ? null : KubernetesJson.Deserialize<T>(node.ToJsonString(), ControllerJson.Options);
            if (value is V1ResourceRequirements resources)
            {
                // Quantities parse lazily: touch them so that "12 apples" is refused here, not by the API server.
                _ = (resources.Limits?.Values.Select(q => q.ToDecimal()).Count() ?? 0) + (resources.Requests?.Values.Select(q => q.ToDecimal()).Count() ?? 0);
            }

            return value;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            problems.Add(new FieldError(path, "not a valid " + what + ": " + FirstSentence(ex.Message)));
            return null;
        }
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text.TrimEnd('.') : text[..end];
    }
}
