using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Client;

/// <summary>The outcome of a SUBSCRIBE: one item per filter.</summary>
public sealed class MqttClientSubscribeResult
{
    internal MqttClientSubscribeResult(IReadOnlyList<MqttClientSubscribeResultItem> items, string? reasonString, bool isPending)
    {
        Items = items;
        ReasonString = reasonString;
        IsPending = isPending;
    }

    /// <summary>Per filter: the filter and the granted QoS or failure reason.</summary>
    public IReadOnlyList<MqttClientSubscribeResultItem> Items { get; }

    public string? ReasonString { get; }

    /// <summary>True when the client is reconnecting: the subscription is made as soon as it is connected.</summary>
    public bool IsPending { get; }

    /// <summary>Whether every filter was granted.</summary>
    public bool Succeeded => !IsPending && Items.All(i => (byte)i.ReasonCode < 0x80);

    internal static MqttClientSubscribeResult From(IList<MqttTopicFilter> filters, MqttSubAckPacket ack)
    {
        var items = new MqttClientSubscribeResultItem[filters.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new MqttClientSubscribeResultItem(filters[i], i < ack.ReasonCodes.Count ? ack.ReasonCodes[i] : MqttReasonCode.UnspecifiedError);
        }

        return new MqttClientSubscribeResult(items, ack.ReasonString, false);
    }
}
