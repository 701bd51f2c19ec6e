namespace MqttSource.Adapter.Pipeline;

/// <summary>What the stall monitor concluded last.</summary>
internal enum StallState
{
    /// <summary>Nothing waits for long, or deliveries end all the time.</summary>
    Progressing,

    /// <summary>Messages wait past the threshold because the sink is failing and deliveries retry: expected, the broker queues.</summary>
    SinkOutage,

    /// <summary>Messages wait past the threshold, nothing ends, and the sink is not failing: a bug.</summary>
    Stalled,
}
