namespace MqttSource.Testing.Faults;

/// <summary>What a <see cref="FaultProxy"/> does with the traffic between a client and its target right now.</summary>
public enum ProxyMode
{
    /// <summary>Healthy: every byte is forwarded both ways.</summary>
    Forward,

    /// <summary>
    /// A network partition: open connections stay open on both sides but nothing is forwarded any more (each side sees a
    /// half-open connection), and new connections are not accepted (further SYNs are dropped, connects time out).
    /// </summary>
    Freeze,

    /// <summary>
    /// The target is unreachable: open connections are closed (FIN), new connections are not accepted (further SYNs are
    /// dropped, connects time out).
    /// </summary>
    Unreachable,

    /// <summary>Open connections are reset (RST) on both sides; a new connection is reset as soon as the client sends its first bytes.</summary>
    Reset,

    /// <summary>Open connections are closed (FIN); a new connection gets its HTTP request head read, then nothing: no answer, ever.</summary>
    HangAfterRequestHead,

    /// <summary>Open connections are closed (FIN); a new connection gets its HTTP request head read and an error response head (status, Content-Length) written, then nothing: the body never comes.</summary>
    HangAfterResponseHead,
}
