namespace MqttSource.Mqtt.Formatting;

/// <summary>Topic name and topic filter rules (spec 4.7).</summary>
internal static class MqttTopic
{
    /// <summary>Reads a topic name: a UTF-8 string without the wildcards + and #. It may be empty (PUBLISH with a topic alias).</summary>
    public static string ReadName(ref MqttPacketReader reader)
    {
        var bytes = reader.ReadLengthPrefixed();
        if (bytes.IndexOfAny((byte)'+', (byte)'#') >= 0)
        {
            MqttThrow.Malformed("A topic name must not contain the wildcards + or #.");
        }

        return MqttUtf8.Decode(bytes);
    }

    /// <summary>Checks a topic name about to be sent.</summary>
    public static void ValidateName(string topic)
    {
        if (topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            MqttThrow.CannotEncode($"Topic name '{topic}' must not contain the wildcards + or #.");
        }
    }

    /// <summary>
    /// Reads a topic filter: non-empty; # only as the whole last level; + only as a whole level.
    /// </summary>
    public static string ReadFilter(ref MqttPacketReader reader)
    {
        var filter = reader.ReadString();
        if (!IsValidFilter(filter))
        {
            MqttThrow.Malformed($"Invalid topic filter '{filter}'.");
        }

        return filter;
    }

    /// <summary>Checks a topic filter about to be sent.</summary>
    public static void ValidateFilter(string filter)
    {
        if (!IsValidFilter(filter))
        {
            MqttThrow.CannotEncode($"Invalid topic filter '{filter}'.");
        }
    }

    private static bool IsValidFilter(string filter)
    {
        if (filter.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < filter.Length; i++)
        {
            var c = filter[i];
            if (c is not ('+' or '#'))
            {
                continue;
            }

            var wholeLevel = (i == 0 || filter[i - 1] == '/') && (i == filter.Length - 1 || filter[i + 1] == '/');
            if (!wholeLevel || (c == '#' && i != filter.Length - 1))
            {
                return false;
            }
        }

        return true;
    }
}
