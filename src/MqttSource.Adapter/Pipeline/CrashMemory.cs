using MqttSource.Mqtt;

namespace MqttSource.Adapter.Pipeline;

/// <summary>
/// Remembers (bounded, oldest forgotten first) the messages whose delivery failed with an exception nobody classified, so
/// that a message failing that way every time is given up on its second failure instead of being redelivered forever.
/// </summary>
internal sealed class CrashMemory(int capacity = 1024)
{
    private readonly Lock _lock = new();
    private readonly HashSet<(string Topic, int Length, int Hash)> _seen = [];
    private readonly Queue<(string Topic, int Length, int Hash)> _order = new();

    /// <summary>Records a failure of <paramref name="message"/>; true when it had failed before.</summary>
    public bool FailedBefore(MqttApplicationMessage message)
    {
        var hash = new HashCode();
        hash.AddBytes(message.Payload.Span);
        var key = (message.Topic, message.Payload.Length, hash.ToHashCode());
        lock (_lock)
        {
            if (!_seen.Add(key))
            {
                return true;
            }

            _order.Enqueue(key);
            if (_order.Count > capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return false;
        }
    }
}
