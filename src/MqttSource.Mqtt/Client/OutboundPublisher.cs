using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Client;

/// <summary>
/// Outgoing PUBLISH flows of one connection: QoS 0 fire and forget, QoS 1 PUBLISH/PUBACK, QoS 2 PUBLISH/PUBREC/PUBREL/PUBCOMP,
/// at most <c>inflight</c> QoS 1/2 publishes awaiting their acknowledgement at a time (the broker's Receive Maximum).
/// </summary>
internal sealed class OutboundPublisher(
    int inflight,
    PacketIdentifierProvider ids,
    Action<MqttPacket> send,
    Func<MqttPacket, ushort, MqttPacketType, CancellationToken, Task<MqttPacket>> request) : IDisposable
{
    private readonly SemaphoreSlim _inflight = new(inflight, inflight);

    public async Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            send(new MqttPublishPacket { Message = message });
            return new MqttClientPublishResult(0, MqttReasonCode.Success, null);
        }

        await _inflight.WaitAsync(cancellationToken).ConfigureAwait(false);
        var id = ids.Acquire();
        try
        {
            var publish = new MqttPublishPacket { PacketIdentifier = id, Message = message };
            if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtLeastOnce)
            {
                var ack = (MqttPubAckPacket)await request(publish, id, MqttPacketType.PubAck, cancellationToken).ConfigureAwait(false);
                return new MqttClientPublishResult(id, ack.ReasonCode, ack.ReasonString);
            }

            var rec = (MqttPubRecPacket)await request(publish, id, MqttPacketType.PubRec, cancellationToken).ConfigureAwait(false);
            if ((byte)rec.ReasonCode >= 0x80)
            {
                return new MqttClientPublishResult(id, rec.ReasonCode, rec.ReasonString);
            }

            var comp = (MqttPubCompPacket)await request(new MqttPubRelPacket { PacketIdentifier = id }, id, MqttPacketType.PubComp, cancellationToken).ConfigureAwait(false);
            return new MqttClientPublishResult(id, comp.ReasonCode == MqttReasonCode.Success ? rec.ReasonCode : comp.ReasonCode, comp.ReasonString ?? rec.ReasonString);
        }
        finally
        {
            ids.Release(id);
            _inflight.Release();
        }
    }

    public void Dispose() => _inflight.Dispose();
}
