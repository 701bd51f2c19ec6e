namespace MqttSource.Adapter.Conversion;

/// <summary>Maps MQTT 5 user property names to CloudEvents extension names (PRODUCT.md §4.2).</summary>
internal static class ExtensionName
{
    /// <summary>Names the adapter sets itself; a user property may not take them.</summary>
    private static readonly string[] Reserved = ["mqttqos", "mqttretain"];

    /// <summary><c>mqtt</c> + the name lower-cased with everything but [a-z0-9] removed; null when nothing is left or it clashes.</summary>
    public static string? FromUserProperty(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256) + 4];
        "mqtt".CopyTo(buffer);
        var length = 4;
        foreach (var c in name)
        {
            var lower = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') && length < buffer.Length)
            {
                buffer[length++] = lower;
            }
        }

        if (length == 4)
        {
            return null;
        }

        var result = new string(buffer[..length]);
        return Array.IndexOf(Reserved, result) >= 0 ? null : result;
    }
}
