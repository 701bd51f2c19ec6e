namespace MqttSource.Adapter.Conversion;

/// <summary>What became of a message.</summary>
internal enum ConversionStatus
{
    /// <summary>Wrapped into a new CloudEvent (PRODUCT.md §4.2).</summary>
    Wrapped,

    /// <summary>The message already was a CloudEvent and is forwarded (§4.1).</summary>
    PassedThrough,

    /// <summary>The message claims to be a CloudEvent but is invalid: the event is the wrapped message, for the dead-letter sink.</summary>
    InvalidCloudEvent,
}
