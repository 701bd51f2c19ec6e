namespace MqttSource.Testing.Faults;

/// <summary>Where one <see cref="ProxyConnection"/> is.</summary>
public enum ProxyConnectionState
{
    /// <summary>Bytes flow both ways.</summary>
    Forwarding,

    /// <summary>Kept open, nothing forwarded or answered (frozen or hung): what arrives is read and discarded.</summary>
    Holding,

    /// <summary>Closed (by either side or by the proxy).</summary>
    Closed,
}
