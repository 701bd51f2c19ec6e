namespace MqttSource.Mqtt.Client;

/// <summary>Allocates non-zero packet identifiers that are not in use, wrapping at 65,535.</summary>
internal sealed class PacketIdentifierProvider
{
    private readonly Lock _lock = new();
    private readonly HashSet<ushort> _inUse = [];
    private ushort _last;

    /// <summary>Returns a free identifier and marks it in use.</summary>
    /// <exception cref="InvalidOperationException">All 65,535 identifiers are in use.</exception>
    public ushort Acquire()
    {
        lock (_lock)
        {
            for (var i = 0; i < ushort.MaxValue; i++)
            {
                _last = _last == ushort.MaxValue ? (ushort)1 : (ushort)(_last + 1);
                if (_inUse.Add(_last))
                {
                    return _last;
                }
            }
        }

        throw new InvalidOperationException("All MQTT packet identifiers are in use.");
    }

    /// <summary>Frees an identifier.</summary>
    public void Release(ushort identifier)
    {
        lock (_lock)
        {
            _inUse.Remove(identifier);
        }
    }
}
