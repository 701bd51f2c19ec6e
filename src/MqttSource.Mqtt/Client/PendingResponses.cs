using System.Collections.Concurrent;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Client;

/// <summary>Correlates responses (SUBACK, UNSUBACK, PUBACK, PUBREC, PUBCOMP) with the requests awaiting them by packet identifier.</summary>
internal sealed class PendingResponses
{
    private readonly ConcurrentDictionary<ushort, Waiter> _waiters = new();

    /// <summary>Registers interest in the response of type <paramref name="type"/> for <paramref name="packetIdentifier"/>.</summary>
    public Task<MqttPacket> Register(ushort packetIdentifier, MqttPacketType type)
    {
        var waiter = new Waiter(type);
        if (!_waiters.TryAdd(packetIdentifier, waiter))
        {
            throw new InvalidOperationException($"Packet identifier {packetIdentifier} is already awaiting a response.");
        }

        return waiter.Completion.Task;
    }

    /// <summary>Completes the waiter of a response; returns false for an unexpected response (ignored by the caller).</summary>
    public bool TryComplete(ushort packetIdentifier, MqttPacket response)
    {
        if (_waiters.TryGetValue(packetIdentifier, out var waiter) && waiter.Type == response.PacketType && _waiters.TryRemove(packetIdentifier, out waiter))
        {
            waiter.Completion.TrySetResult(response);
            return true;
        }

        return false;
    }

    /// <summary>Stops waiting for one identifier.</summary>
    public void Cancel(ushort packetIdentifier) => _waiters.TryRemove(packetIdentifier, out _);

    /// <summary>Fails every waiter (the connection is gone).</summary>
    public void FailAll(Exception exception)
    {
        foreach (var id in _waiters.Keys)
        {
            if (_waiters.TryRemove(id, out var waiter))
            {
                waiter.Completion.TrySetException(exception);
            }
        }
    }

    private sealed class Waiter(MqttPacketType type)
    {
        public MqttPacketType Type { get; } = type;

        public TaskCompletionSource<MqttPacket> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
