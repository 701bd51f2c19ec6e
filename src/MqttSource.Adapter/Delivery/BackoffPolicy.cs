namespace MqttSource.Adapter.Delivery;

/// <summary>Knative DeliverySpec backoff policies.</summary>
internal enum BackoffPolicy
{
    /// <summary>delay × 2ⁿ.</summary>
    Exponential,

    /// <summary>delay × n.</summary>
    Linear,
}
