using MqttSource.Apis.Settings;
using MqttSource.Mqtt;

namespace MqttSource.Adapter.Conversion;

/// <summary>What the converter needs (PRODUCT.md §4), already defaulted and validated.</summary>
internal sealed class ConversionSettings
{
    public required Uri Source { get; init; }

    /// <summary>The event type for a topic: the first matching topics[].type, else event.type.</summary>
    public required Func<string, string> TypeForTopic { get; init; }

    /// <summary>Forward messages that already are CloudEvents (passthrough: auto).</summary>
    public bool Passthrough { get; init; } = true;

    /// <summary>event.dataContentType: default for messages without an MQTT 5 Content Type.</summary>
    public string? DataContentType { get; init; }

    /// <summary>idFrom: where the event id comes from; null = a new UUIDv7.</summary>
    public IdSource? IdFrom { get; init; }

    /// <summary>ceOverrides.extensions (spec, then K_CE_OVERRIDES), applied last.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V500;

    /// <summary>The conversion settings of a resolved MqttSource.</summary>
    public static ConversionSettings From(MqttSourceSettings source) => new()
    {
        Source = new Uri(source.EventSource, UriKind.RelativeOrAbsolute),
        TypeForTopic = source.TypeForTopic,
        Passthrough = source.Passthrough == PassthroughMode.Auto,
        DataContentType = source.DataContentType,
        IdFrom = source.IdFrom,
        Overrides = source.CeExtensions,
        ProtocolVersion = source.ProtocolVersion == BrokerProtocolVersion.V311 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500,
    };
}
