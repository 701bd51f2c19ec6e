using MqttSource.Mqtt.Client;
using MqttSource.Mqtt.Packets;
using Xunit;

namespace MqttSource.Mqtt.Tests.Client;

public sealed class InboundAckQueueTests
{
    private readonly List<MqttPacket> _sent = [];

    private InboundAckQueue NewQueue() => new(_sent.Add);

    private List<ushort> SentIds => [.. _sent.Cast<MqttAckPacket>().Select(p => p.PacketIdentifier)];

    [Fact]
    public void Complete_InReverseOrder_AcksGoOutInArrivalOrderOnceThePrefixIsDone()
    {
        var q = NewQueue();
        var entries = Enumerable.Range(1, 5).Select(i => q.Add((ushort)i, MqttQualityOfServiceLevel.AtLeastOnce)!).ToList();

        for (var i = 4; i >= 1; i--)
        {
            entries[i].Complete(MqttReasonCode.Success);
            Assert.Empty(_sent);
        }

        entries[0].Complete(MqttReasonCode.Success);
        Assert.Equal([1, 2, 3, 4, 5], SentIds);
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void Complete_Qos2_SendsPubRecAndQos1SendsPubAck()
    {
        var q = NewQueue();
        var a = q.Add(7, MqttQualityOfServiceLevel.ExactlyOnce)!;
        var b = q.Add(8, MqttQualityOfServiceLevel.AtLeastOnce)!;
        b.Complete(MqttReasonCode.Success);
        a.Complete(MqttReasonCode.Success);
        Assert.IsType<MqttPubRecPacket>(_sent[0]);
        Assert.IsType<MqttPubAckPacket>(_sent[1]);
    }

    [Fact]
    public void Add_Qos0_ReturnsNullAndNeverAcks()
    {
        var q = NewQueue();
        Assert.Null(q.Add(0, MqttQualityOfServiceLevel.AtMostOnce));
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void Complete_Twice_AcksOnce()
    {
        var q = NewQueue();
        var a = q.Add(1, MqttQualityOfServiceLevel.AtLeastOnce)!;
        a.Complete(MqttReasonCode.Success);
        a.Complete(MqttReasonCode.Success);
        Assert.Single(_sent);
    }

    [Fact]
    public void Complete_AfterAbandon_SendsNothing()
    {
        var q = NewQueue();
        var a = q.Add(1, MqttQualityOfServiceLevel.AtLeastOnce)!;
        q.Abandon();
        a.Complete(MqttReasonCode.Success);
        Assert.Empty(_sent);
    }

    [Fact]
    public void Complete_RandomOrderConcurrently_AcksAreAlwaysInArrivalOrder()
    {
        var sent = new List<ushort>();
        var q = new InboundAckQueue(p =>
        {
            lock (sent)
            {
                sent.Add(((MqttAckPacket)p).PacketIdentifier);
            }
        });
        var entries = Enumerable.Range(1, 2000).Select(i => q.Add((ushort)i, MqttQualityOfServiceLevel.AtLeastOnce)!).ToArray();
        var shuffled = entries.OrderBy(_ => Random.Shared.Next()).ToArray();
        Parallel.ForEach(shuffled, e => e.Complete(MqttReasonCode.Success));
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (ushort)i), sent);
    }
}
