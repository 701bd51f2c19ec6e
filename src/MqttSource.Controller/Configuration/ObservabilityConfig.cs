using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace MqttSource.Controller.Configuration;

/// <summary>
/// <c>config-logging</c> and <c>config-observability</c> the Knative way: each ConfigMap's data (keys starting with
/// <c>_</c>, like <c>_example</c>, left out) as one JSON object, handed to every adapter as <c>K_LOGGING_CONFIG</c> and
/// <c>K_OBSERVABILITY_CONFIG</c>; <c>loglevel.mqtt-source-controller</c> sets the controller's own level. A level that is not
/// one of debug, info, warn, error (and Knative's aliases) is left out and reported, so that one typo does not stop
/// every adapter (the adapter refuses to start with an unknown level).
/// </summary>
/// <param name="LoggingJson"><c>K_LOGGING_CONFIG</c>, or null without a config-logging.</param>
/// <param name="ObservabilityJson"><c>K_OBSERVABILITY_CONFIG</c>, or null without a config-observability.</param>
/// <param name="ControllerLevel">The controller's level, or null for the default (information).</param>
/// <param name="Problems">What was wrong (and left out), for a warning.</param>
internal sealed record ObservabilityConfig(string? LoggingJson, string? ObservabilityJson, LogLevel? ControllerLevel, IReadOnlyList<string> Problems)
{
    /// <summary>No ConfigMaps.</summary>
    public static ObservabilityConfig Empty { get; } = new(null, null, null, []);

    /// <summary>Reads the two ConfigMaps (null: absent).</summary>
    public static ObservabilityConfig From(V1ConfigMap? logging, V1ConfigMap? observability)
    {
        var problems = new List<string>();
        LogLevel? controllerLevel = null;
        var loggingJson = Json(logging, (key, value) =>
        {
            if (!key.StartsWith("loglevel.", StringComparison.Ordinal))
            {
                return true;
            }

            if (ParseLevel(value) is not { } level)
            {
                problems.Add($"{ConfigMapNames.Logging}: {key}: '{value}' is not one of debug, info, warn, error (left out: the default level applies)");
                return false;
            }

            if (key == ConfigMapNames.ControllerLevelKey)
            {
                controllerLevel = level;
            }

            return true;
        });
        return new ObservabilityConfig(loggingJson, Json(observability, (_, _) => true), controllerLevel, problems);
    }

    /// <summary>A Knative/zap level name as a .NET level (null when unknown).</summary>
    public static LogLevel? ParseLevel(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" or "panic" or "dpanic" or "critical" => LogLevel.Critical,
        _ => null,
    };

    private static string? Json(V1ConfigMap? configMap, Func<string, string, bool> keep)
    {
        if (configMap is null)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var (key, value) in (configMap.Data ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!key.StartsWith('_') && keep(key, value))
            {
                json[key] = value;
            }
        }

        return json.ToJsonString();
    }
}
