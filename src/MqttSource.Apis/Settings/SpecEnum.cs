namespace MqttSource.Apis.Settings;

/// <summary>The spellings of the spec's enumerated strings and their values (case-sensitive, like the CRD schema).</summary>
internal static class SpecEnum
{
    public static readonly KeyValuePair<string, BrokerProtocolVersion>[] ProtocolVersions = [new("5", BrokerProtocolVersion.V5), new("3.1.1", BrokerProtocolVersion.V311)];

    public static readonly KeyValuePair<string, EventContentMode>[] ContentModes = [new("binary", EventContentMode.Binary), new("structured", EventContentMode.Structured)];

    public static readonly KeyValuePair<string, PassthroughMode>[] Passthrough = [new("auto", PassthroughMode.Auto), new("never", PassthroughMode.Never)];

    public static readonly KeyValuePair<string, DeliveryOrdering>[] Orderings = [new("ordered", DeliveryOrdering.Ordered), new("unordered", DeliveryOrdering.Unordered)];

    public static readonly KeyValuePair<string, DeliveryBackoffPolicy>[] BackoffPolicies = [new("exponential", DeliveryBackoffPolicy.Exponential), new("linear", DeliveryBackoffPolicy.Linear)];

    /// <summary>The value for <paramref name="text"/>; null or empty gives the first (default) entry.</summary>
    public static bool TryParse<T>(KeyValuePair<string, T>[] names, string? text, out T value, out string? error)
    {
        value = names[0].Value;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        foreach (var pair in names)
        {
            if (string.Equals(pair.Key, text, StringComparison.Ordinal))
            {
                value = pair.Value;
                return true;
            }
        }

        error = "must be one of " + string.Join(", ", names.Select(n => "\"" + n.Key + "\"")) + " (got \"" + text + "\")";
        return false;
    }
}
