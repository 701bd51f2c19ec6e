using System.Text;

namespace MqttSource.Apis.Topics;

/// <summary>
/// MQTT topic filter syntax and matching (MQTT 4.7): <c>+</c> matches one level, <c>#</c> the rest including the
/// parent level, filters starting with a wildcard do not match topics starting with <c>$</c>, and a
/// <c>$share/&lt;group&gt;/</c> prefix is ignored. Kept here (not in MqttSource.Mqtt) because Apis references nothing.
/// </summary>
public static class MqttTopicFilter
{
    /// <summary>The most UTF-8 bytes an MQTT string can hold.</summary>
    public const int MaxUtf8Bytes = 65535;

    private const string SharePrefix = "$share/";

    /// <summary>Null for a valid subscription filter, else why it is not.</summary>
    public static string? Validate(string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return "must not be empty";
        }

        if (filter.Contains('\0', StringComparison.Ordinal))
        {
            return "must not contain U+0000";
        }

        if (Encoding.UTF8.GetByteCount(filter) > MaxUtf8Bytes)
        {
            return "must be at most 65535 UTF-8 bytes";
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i].Contains('#', StringComparison.Ordinal) && (levels[i] != "#" || i < levels.Length - 1))
            {
                return "'#' must be a whole level and the last one (e.g. a/#)";
            }

            if (levels[i].Contains('+', StringComparison.Ordinal) && levels[i] != "+")
            {
                return "'+' must be a whole level (e.g. a/+/c)";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="topic"/> (a topic name, no wildcards) matches <paramref name="filter"/>.</summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        filter = StripSharePrefix(filter);
        if (filter.Length == 0 || topic.Length == 0)
        {
            return false;
        }

        if (topic[0] == '$' && filter[0] is '+' or '#')
        {
            return false;
        }

        var filterLevels = filter.Split('/');
        var topicLevels = topic.Split('/');
        for (var i = 0; i < filterLevels.Length; i++)
        {
            switch (filterLevels[i])
            {
                case "#":
                    return true;
                case "+" when i < topicLevels.Length:
                    continue;
                default:
                    if (i >= topicLevels.Length || !string.Equals(filterLevels[i], topicLevels[i], StringComparison.Ordinal))
                    {
                        return false;
                    }

                    break;
            }
        }

        return filterLevels.Length == topicLevels.Length;
    }

    /// <summary>The filter without a <c>$share/&lt;group&gt;/</c> prefix.</summary>
    public static string StripSharePrefix(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!filter.StartsWith(SharePrefix, StringComparison.Ordinal))
        {
            return filter;
        }

        var slash = filter.IndexOf('/', SharePrefix.Length);
        return slash < 0 ? string.Empty : filter[(slash + 1)..];
    }

    /// <summary><c>$share/&lt;group&gt;/&lt;filter&gt;</c>, or the filter itself when <paramref name="sharedGroup"/> is empty.</summary>
    public static string Share(string filter, string? sharedGroup) =>
        string.IsNullOrEmpty(sharedGroup) ? filter : SharePrefix + sharedGroup + "/" + filter;
}
