using System.Text.Json.Serialization;
using MqttSource.Apis.Json;

namespace MqttSource.Apis.Spec;

/// <summary>
/// The <c>spec</c> of an MqttSource (<c>sources.knative.dev/v1alpha1</c>), exactly as the user wrote it:
/// every member is optional here; <see cref="Settings.MqttSourceSettings.Resolve(MqttSourceSpec, string, string?)"/> applies the defaults and
/// <see cref="Validation.MqttSourceValidator"/> checks the rules.
/// </summary>
public sealed record MqttSourceSpec
{
    /// <summary>The broker to connect to.</summary>
    [JsonPropertyName("broker")]
    public BrokerSpec? Broker { get; init; }

    /// <summary>The topic filters to subscribe to (at least one).</summary>
    [JsonPropertyName("topics")]
    public IReadOnlyList<TopicSpec>? Topics { get; init; }

    /// <summary>When set, every filter is subscribed as <c>$share/&lt;group&gt;/&lt;filter&gt;</c>.</summary>
    [JsonPropertyName("sharedGroup")]
    public string? SharedGroup { get; init; }

    /// <summary>Number of adapter replicas (default 1); more than one requires <see cref="SharedGroup"/>.</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; init; }

    /// <summary>How messages become CloudEvents.</summary>
    [JsonPropertyName("event")]
    public EventSpec? Event { get; init; }

    /// <summary><c>ordered</c> (per topic, default) or <c>unordered</c>.</summary>
    [JsonPropertyName("ordering")]
    public string? Ordering { get; init; }

    /// <summary>Maximum events in flight to the sink (1..1000, default 16).</summary>
    [JsonPropertyName("parallelism")]
    public int? Parallelism { get; init; }

    /// <summary>Knative delivery options.</summary>
    [JsonPropertyName("delivery")]
    public DeliverySpec? Delivery { get; init; }

    /// <summary>CloudEvent extensions added to every event.</summary>
    [JsonPropertyName("ceOverrides")]
    public CeOverrides? CeOverrides { get; init; }

    /// <summary>Where events go.</summary>
    [JsonPropertyName("sink")]
    public Destination? Sink { get; init; }

    /// <summary>Pod template overrides for the adapter, passed through untouched.</summary>
    [JsonPropertyName("adapter")]
    public AdapterSpec? Adapter { get; init; }

    /// <summary>
    /// Reads a spec from JSON (the <c>spec</c> object itself, e.g. <c>MQTT_SOURCE_SPEC</c>). Unknown members are
    /// ignored (see <see cref="MqttSourceJson.FindUnknownFields"/> to report them, or the strict overload).
    /// </summary>
    /// <exception cref="Validation.MqttSourceValidationException">Malformed JSON or a value of the wrong kind; names every bad path.</exception>
    public static MqttSourceSpec FromJson(string json) => MqttSourceJson.ReadSpec(json, strict: false);

    /// <summary>Reads a spec from JSON; with <paramref name="strict"/> an unknown member is an error too.</summary>
    /// <exception cref="Validation.MqttSourceValidationException">Malformed JSON, a value of the wrong kind, or (strict) an unknown member.</exception>
    public static MqttSourceSpec FromJson(string json, bool strict) => MqttSourceJson.ReadSpec(json, strict);

    /// <summary>Writes the spec as compact JSON, leaving out unset members.</summary>
    public string ToJson() => MqttSourceJson.Write(this, MqttSourceJsonContext.Default.MqttSourceSpec);
}
