using System.Runtime.CompilerServices;

namespace MqttSource.CloudEvents.Json;

/// <summary>The string values of the eight core attributes while an event is read, without a heap array.</summary>
[InlineArray(8)]
internal struct CoreAttributeValues
{
    private string? first;
}
