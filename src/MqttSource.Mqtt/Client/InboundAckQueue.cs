using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Client;

/// <summary>
/// Inbound QoS 1/2 messages of one connection in arrival order. The application completes them in any order;
/// PUBACK/PUBREC go out strictly in arrival order (MQTT 4.6.0-2), releasing the completed prefix.
/// </summary>
internal sealed class InboundAckQueue(Action<MqttPacket> send, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly Queue<Entry> _pending = new();
    private bool _abandoned;

    /// <summary>Messages received but not yet acknowledged to the broker.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>When the oldest message not yet acknowledged arrived (a <see cref="TimeProvider"/> timestamp), or null.</summary>
    public long? OldestArrival
    {
        get
        {
            lock (_lock)
            {
                return _pending.TryPeek(out var head) ? head.ArrivedAt : null;
            }
        }
    }

    /// <summary>Registers an arrival; returns null for QoS 0 (nothing to acknowledge).</summary>
    public Entry? Add(ushort packetIdentifier, MqttQualityOfServiceLevel qos)
    {
        if (qos == MqttQualityOfServiceLevel.AtMostOnce)
        {
            return null;
        }

        var entry = new Entry(this, packetIdentifier, qos, _time.GetTimestamp());
        lock (_lock)
        {
            if (!_abandoned)
            {
                _pending.Enqueue(entry);
            }
        }

        return entry;
    }

    /// <summary>The connection is gone: nothing pending may be acknowledged any more (the broker redelivers).</summary>
    public void Abandon()
    {
        lock (_lock)
        {
            _abandoned = true;
            _pending.Clear();
        }
    }

    private void Complete(Entry entry, MqttReasonCode reasonCode)
    {
        lock (_lock)
        {
            if (entry.Completed || _abandoned)
            {
                return;
            }

            entry.Completed = true;
            entry.ReasonCode = reasonCode;
            while (_pending.TryPeek(out var head) && head.Completed)
            {
                _pending.Dequeue();
                send(head.Qos == MqttQualityOfServiceLevel.AtLeastOnce
                    ? new MqttPubAckPacket { PacketIdentifier = head.PacketIdentifier, ReasonCode = head.ReasonCode }
                    : new MqttPubRecPacket { PacketIdentifier = head.PacketIdentifier, ReasonCode = head.ReasonCode });
            }
        }
    }

    /// <summary>One pending acknowledgement.</summary>
    internal sealed class Entry(InboundAckQueue owner, ushort packetIdentifier, MqttQualityOfServiceLevel qos, long arrivedAt)
    {
        public long ArrivedAt { get; } = arrivedAt;

        public ushort PacketIdentifier { get; } = packetIdentifier;

        public MqttQualityOfServiceLevel Qos { get; } = qos;

        public bool Completed { get; set; }

        public MqttReasonCode ReasonCode { get; set; }

        public void Complete(MqttReasonCode reasonCode) => owner.Complete(this, reasonCode);
    }
}
