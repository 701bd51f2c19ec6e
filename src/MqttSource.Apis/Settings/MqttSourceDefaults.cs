using MqttSource.Apis.Durations;

namespace MqttSource.Apis.Settings;

/// <summary>The defaults of PRODUCT.md §3, applied by <see cref="MqttSourceSettings.Resolve(Spec.MqttSourceSpec, string, string?)"/>.</summary>
public static class MqttSourceDefaults
{
    /// <summary><c>spec.broker.protocolVersion</c>.</summary>
    public const string ProtocolVersion = "5";

    /// <summary><c>spec.topics[i].qos</c>.</summary>
    public const int Qos = 1;

    /// <summary><c>spec.event.type</c>.</summary>
    public const string EventType = "dev.knative.mqtt.event";

    /// <summary><c>spec.parallelism</c>.</summary>
    public const int Parallelism = 16;

    /// <summary><c>spec.replicas</c>.</summary>
    public const int Replicas = 1;

    /// <summary><c>spec.broker.session.persistent</c>.</summary>
    public const bool SessionPersistent = true;

    /// <summary><c>spec.broker.keepAlive</c> (<c>30s</c>).</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    /// <summary><c>spec.broker.session.expiry</c> (<c>1h</c>).</summary>
    public static readonly TimeSpan SessionExpiry = TimeSpan.FromHours(1);

    /// <summary><c>spec.delivery.backoffDelay</c> (<c>PT0.2S</c>).</summary>
    public static readonly TimeSpan BackoffDelay = IsoDuration.Parse("PT0.2S");

    /// <summary><c>spec.delivery.timeout</c> (<c>PT30S</c>).</summary>
    public static readonly TimeSpan Timeout = IsoDuration.Parse("PT30S");

    /// <summary>
    /// <c>&lt;namespace&gt;.&lt;name&gt;</c>; standalone (no namespace) just <paramref name="name"/> — the adapter
    /// passes a name derived from the host and the config file there.
    /// </summary>
    public static string ClientId(string name, string? @namespace) =>
        string.IsNullOrEmpty(@namespace) ? name : @namespace + "." + name;

    /// <summary><c>/apis/v1/namespaces/&lt;ns&gt;/mqttsources/&lt;name&gt;</c>; standalone (no namespace) <c>mqtt://&lt;host&gt;:&lt;port&gt;</c>.</summary>
    public static string EventSource(string name, string? @namespace, BrokerAddress broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        return string.IsNullOrEmpty(@namespace)
            ? broker.ToString()
            : "/apis/v1/namespaces/" + @namespace + "/mqttsources/" + name;
    }
}
