using System.Globalization;
using System.Text.Json.Nodes;

namespace MqttSource.Testing.Faults;

/// <summary>The MqttSource file the adapter of a fault case runs with (<c>--config</c>).</summary>
public static class FaultAdapterConfig
{
    /// <summary>The adapter's MqttSource, in JSON (which is YAML): QoS 1 on <c>probe/#</c>, the case's delivery and event options.</summary>
    public static string Build(FaultCase faultCase, FaultScale scale, Uri sinkUrl, Uri brokerUrl, Uri? deadLetterSink)
    {
        ArgumentNullException.ThrowIfNull(faultCase);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(sinkUrl);
        ArgumentNullException.ThrowIfNull(brokerUrl);
        var broker = new JsonObject { ["url"] = brokerUrl.ToString() };
        if (faultCase.ShortKeepAlive)
        {
            broker["keepAlive"] = string.Create(CultureInfo.InvariantCulture, $"{(int)scale.KeepAlive.TotalSeconds}s");
        }

        var delivery = new JsonObject { ["retry"] = faultCase.Retry is { } retry ? JsonValue.Create(retry) : null };
        AddIfSet(delivery, "backoffPolicy", scale.BackoffPolicy);
        AddIfSet(delivery, "backoffDelay", scale.BackoffDelay);
        AddIfSet(delivery, "timeout", faultCase.AttemptTimeout);
        if (deadLetterSink is not null)
        {
            delivery["deadLetterSink"] = new JsonObject { ["uri"] = deadLetterSink.ToString() };
        }

        var spec = new JsonObject
        {
            ["broker"] = broker,
            ["topics"] = new JsonArray(new JsonObject { ["filter"] = "probe/#", ["qos"] = 1 }),
            ["parallelism"] = FaultRun.Parallelism,
            ["delivery"] = delivery,
            ["sink"] = new JsonObject { ["uri"] = sinkUrl.ToString() },
        };
        if (faultCase.IdFrom is { } idFrom)
        {
            spec["event"] = new JsonObject { ["idFrom"] = idFrom };
        }

        var document = new JsonObject
        {
            ["apiVersion"] = "sources.knative.dev/v1alpha1",
            ["kind"] = "MqttSource",
            ["metadata"] = new JsonObject { ["name"] = "fault-" + faultCase.Name },
            ["spec"] = spec,
        };
        return document.ToJsonString();
    }

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
