namespace MqttSource.Apis.Settings;

/// <summary>Retry backoff (<c>spec.delivery.backoffPolicy</c>).</summary>
public enum DeliveryBackoffPolicy
{
    /// <summary><c>exponential</c> (default): delay × 2ⁿ.</summary>
    Exponential,

    /// <summary><c>linear</c>: delay × n.</summary>
    Linear,
}
