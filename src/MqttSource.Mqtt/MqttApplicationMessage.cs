using System.Buffers;

namespace MqttSource.Mqtt;

/// <summary>An application message as published or received: topic, payload and the MQTT 5 message properties.</summary>
public sealed class MqttApplicationMessage
{
    /// <summary>The topic name (never contains wildcards).</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The payload bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>The payload as a sequence (same bytes as <see cref="Payload"/>).</summary>
    public ReadOnlySequence<byte> PayloadSequence => new(Payload);

    /// <summary>The quality of service the message was published or delivered with.</summary>
    public MqttQualityOfServiceLevel QualityOfServiceLevel { get; set; }

    /// <summary>The retain flag.</summary>
    public bool Retain { get; set; }

    /// <summary>The DUP flag: this delivery may be a re-delivery of an earlier attempt.</summary>
    public bool Dup { get; set; }

    /// <summary>MQTT 5 Content Type, or null.</summary>
    public string? ContentType { get; set; }

    /// <summary>MQTT 5 Payload Format Indicator (0 = bytes, 1 = UTF-8), or null when absent.</summary>
    public byte? PayloadFormatIndicator { get; set; }

    /// <summary>MQTT 5 Message Expiry Interval in seconds, or null when absent.</summary>
    public uint? MessageExpiryInterval { get; set; }

    /// <summary>MQTT 5 Response Topic, or null.</summary>
    public string? ResponseTopic { get; set; }

    /// <summary>MQTT 5 Correlation Data, or null.</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; set; }

    /// <summary>MQTT 5 Topic Alias (0 = none). Resolved by the client on receive.</summary>
    public ushort TopicAlias { get; set; }

    /// <summary>MQTT 5 user properties in the order they were sent, or null when there are none.</summary>
    public IReadOnlyList<MqttUserProperty>? UserProperties { get; set; }

    /// <summary>MQTT 5 subscription identifiers of the matching subscriptions, or null.</summary>
    public IReadOnlyList<uint>? SubscriptionIdentifiers { get; set; }
}
