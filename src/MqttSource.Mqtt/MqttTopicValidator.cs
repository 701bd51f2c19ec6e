using System.Text;

namespace MqttSource.Mqtt;

/// <summary>Topic name and topic filter syntax rules (MQTT 4.7).</summary>
public static class MqttTopicValidator
{
    /// <summary>Returns null for a valid filter, else why it is not.</summary>
    public static string? ValidateFilter(string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return "must not be empty";
        }

        if (filter.Contains('\0', StringComparison.Ordinal))
        {
            return "must not contain U+0000";
        }

        if (Encoding.UTF8.GetByteCount(filter) > 65535)
        {
            return "must be at most 65,535 UTF-8 bytes";
        }

        var levels = filter.Split('/');
        if (filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            if (levels.Length < 3 || levels[1].Length == 0 || levels[1].AsSpan().IndexOfAny('+', '#') >= 0)
            {
                return "a shared subscription is $share/<group>/<filter> with a non-empty group without wildcards";
            }

            levels = levels[2..];
        }

        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level.Length != 1 || i != levels.Length - 1))
            {
                return "'#' must be a whole level and the last one";
            }

            if (level.Contains('+', StringComparison.Ordinal) && level.Length != 1)
            {
                return "'+' must be a whole level";
            }
        }

        return null;
    }

    /// <summary>Returns null for a valid topic name (for PUBLISH), else why it is not.</summary>
    public static string? ValidateTopicName(string? topic)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return "must not be empty";
        }

        if (topic.AsSpan().IndexOfAny('+', '#', '\0') >= 0)
        {
            return "must not contain wildcards or U+0000";
        }

        return Encoding.UTF8.GetByteCount(topic) > 65535 ? "must be at most 65,535 UTF-8 bytes" : null;
    }

    /// <summary>Whether <paramref name="topic"/> matches <paramref name="filter"/> (a $share prefix is ignored).</summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        var f = filter.AsSpan();
        if (f.StartsWith("$share/"))
        {
            var rest = f[7..];
            var slash = rest.IndexOf('/');
            f = slash < 0 ? [] : rest[(slash + 1)..];
        }

        var t = topic.AsSpan();
        if (t.Length > 0 && t[0] == '$' && f.Length > 0 && (f[0] == '+' || f[0] == '#'))
        {
            return false; // MQTT 4.7.2: wildcards at the first level do not match $-topics.
        }

        while (true)
        {
            var fi = f.IndexOf('/');
            var fLevel = fi < 0 ? f : f[..fi];
            if (fLevel.SequenceEqual("#"))
            {
                return true;
            }

            var ti = t.IndexOf('/');
            var tLevel = ti < 0 ? t : t[..ti];
            if (!fLevel.SequenceEqual("+") && !fLevel.SequenceEqual(tLevel))
            {
                return false;
            }

            if (fi < 0 || ti < 0)
            {
                // "a/#" also matches "a": the filter's next level is "#".
                return fi < 0 && ti < 0 || (ti < 0 && f[(fi + 1)..].SequenceEqual("#"));
            }

            f = f[(fi + 1)..];
            t = t[(ti + 1)..];
        }
    }
}
