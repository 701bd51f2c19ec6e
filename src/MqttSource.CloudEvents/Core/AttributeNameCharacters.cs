using System.Buffers;

namespace MqttSource.CloudEvents.Core;

/// <summary>The characters an attribute name may contain.</summary>
internal static class AttributeNameCharacters
{
    public static readonly SearchValues<char> Values = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    public static readonly SearchValues<byte> Utf8Values = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789"u8);
}
