namespace MqttSource.Apis.Settings;

/// <summary>Event ordering (<c>spec.ordering</c>).</summary>
public enum DeliveryOrdering
{
    /// <summary><c>ordered</c> (default): per-topic order is kept.</summary>
    Ordered,

    /// <summary><c>unordered</c>: maximum throughput.</summary>
    Unordered,
}
