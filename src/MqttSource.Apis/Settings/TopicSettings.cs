namespace MqttSource.Apis.Settings;

/// <summary>One resolved subscription.</summary>
/// <param name="Filter">The filter as written in <c>spec.topics[i].filter</c>.</param>
/// <param name="SubscriptionFilter">What is subscribed: <c>$share/&lt;group&gt;/&lt;filter&gt;</c> with a shared group, else the filter.</param>
/// <param name="Qos">The subscription QoS (0, 1 or 2).</param>
/// <param name="Type">The CloudEvent type for this filter, or null for <c>spec.event.type</c>.</param>
public sealed record TopicSettings(string Filter, string SubscriptionFilter, int Qos, string? Type);
