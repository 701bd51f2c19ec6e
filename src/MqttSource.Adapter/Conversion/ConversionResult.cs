using CloudNative.CloudEvents;

namespace MqttSource.Adapter.Conversion;

/// <summary>The CloudEvent made from a message, how, and why it was invalid if it was.</summary>
internal readonly record struct ConversionResult(ConversionStatus Status, CloudEvent Event, string? Error);
