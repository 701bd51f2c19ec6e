using MqttSource.Mqtt;

namespace MqttSource.Adapter.Conversion;

/// <summary>What the converter needs from the MqttSource spec (PRODUCT.md §4), already defaulted and validated.</summary>
internal sealed class ConversionSettings
{
    public required Uri Source { get; init; }

    public required string DefaultType { get; init; }

    /// <summary>Topic filters with their event types, in spec order (first match wins).</summary>
    public IReadOnlyList<(string Filter, string Type)> TopicTypes { get; init; } = [];

    /// <summary>Forward messages that already are CloudEvents (passthrough: auto).</summary>
    public bool Passthrough { get; init; } = true;

    /// <summary>event.dataContentType: default for messages without an MQTT 5 Content Type.</summary>
    public string? DataContentType { get; init; }

    /// <summary>idFrom: where the event id comes from (default: a new UUIDv7).</summary>
    public IdSource IdFrom { get; init; } = IdSource.None;

    /// <summary>ceOverrides.extensions, applied last.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V500;
}
