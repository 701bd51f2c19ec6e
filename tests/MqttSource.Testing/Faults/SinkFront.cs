namespace MqttSource.Testing.Faults;

/// <summary>What stands between the adapter and the loopback sink in a fault case.</summary>
public enum SinkFront
{
    /// <summary>Nothing: the adapter posts to the sink itself.</summary>
    Direct,

    /// <summary>A <see cref="FaultProxy"/> (network faults, HTTP hangs).</summary>
    Proxy,

    /// <summary>A <see cref="RedirectSink"/> that redirects to the sink.</summary>
    Redirect,
}
