using System.Buffers;
using System.IO.Pipelines;
using MqttSource.Mqtt.Formatting;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Client;

/// <summary>
/// The read side of one connection. PUBLISHes go to the application while the <see cref="InboundBudget"/> has room.
/// When it has none (the application holds messages back and the broker keeps sending — Mosquitto 2.0.11 ignores
/// Receive Maximum when it flushes a queue), the reader keeps reading raw bytes, up to the read-ahead limit, looks past the
/// waiting PUBLISHes and handles the control packets it finds at once: SUBACK, PINGRESP, PUBREL and DISCONNECT are never
/// held up by backpressure. Only beyond that does it stop reading (TCP then holds the broker back) and keep alive pauses.
/// </summary>
internal sealed class InboundReader(PipeReader input, MqttProtocolVersion version, uint maximumPacketSize, InboundBudget budget, KeepAliveMonitor keepAlive)
{
    private readonly Queue<long> _handledAhead = new();
    private long _start;
    private long _scanned;
    private long _skip;
    private volatile bool _blocked;

    /// <summary>
    /// Reads until the broker closes the stream (returns) or <paramref name="cancellationToken"/> fires. Throws
    /// <see cref="MqttProtocolViolationException"/> for malformed input.
    /// </summary>
    /// <param name="publish">A PUBLISH and its charge, to hand to the application (the charge is taken already).</param>
    /// <param name="control">Any other packet.</param>
    /// <param name="oversized">An MQTT 3.1.1 PUBLISH over the maximum packet size, skipped: acknowledge it (QoS, packet id).</param>
    /// <param name="cancellationToken">Ends the loop.</param>
    public async Task RunAsync(Action<MqttPublishPacket, long> publish, Action<MqttPacket> control, Action<MqttQualityOfServiceLevel, ushort> oversized, CancellationToken cancellationToken)
    {
        using var wake = budget.OnRoom(() =>
        {
            if (_blocked)
            {
                input.CancelPendingRead();
            }
        });
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            long position = 0;
            try
            {
                position = Consume(buffer, publish, control, oversized, out var waiting);
                _blocked = waiting is not null;
                if (waiting is { } cost)
                {
                    var ahead = buffer.Slice(position);
                    LookAhead(ahead, position, control);
                    if (budget.HasRoomFor(cost))
                    {
                        // Room came back while we looked: go round again at once (the wake-up may have been missed).
                        input.CancelPendingRead();
                    }

                    if (ahead.Length >= budget.ReadAheadLimit && !budget.HasRoomFor(cost))
                    {
                        // Read ahead as far as allowed: stop reading until the application takes messages.
                        input.AdvanceTo(buffer.GetPosition(position), buffer.End);
                        _start += position;
                        position = -1;
                        keepAlive.Paused = true;
                        try
                        {
                            await budget.WaitForRoomAsync(cost, cancellationToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            keepAlive.Paused = false;
                        }

                        continue;
                    }
                }
            }
            finally
            {
                if (position >= 0)
                {
                    input.AdvanceTo(buffer.GetPosition(position), buffer.End);
                    _start += position;
                }
            }

            if (result.IsCompleted)
            {
                return; // what still waits here is not acknowledged: the broker redelivers it (QoS 1/2)
            }
        }
    }

    /// <summary>Decodes and hands over packets from the start; returns how far it got, and the charge of a PUBLISH that did not fit.</summary>
    private long Consume(in ReadOnlySequence<byte> buffer, Action<MqttPublishPacket, long> publish, Action<MqttPacket> control, Action<MqttQualityOfServiceLevel, ushort> oversized, out long? waiting)
    {
        waiting = null;
        long position = 0;
        while (true)
        {
            if (_skip > 0)
            {
                var n = Math.Min(_skip, buffer.Length - position);
                position += n;
                _skip -= n;
                if (_skip > 0)
                {
                    return position;
                }
            }

            var rest = buffer.Slice(position);
            if (!MqttFixedHeader.TryRead(rest, version, out var header))
            {
                return position;
            }

            if (_handledAhead.TryPeek(out var handled) && handled == _start + position)
            {
                _handledAhead.Dequeue(); // already handled by the look-ahead
                position += header.PacketSize;
                continue;
            }

            var isPublish = header.Type == MqttPacketType.Publish;
            var cost = InboundBudget.CostOf(header.PacketSize);
            if (isPublish && (maximumPacketSize == 0 || header.PacketSize <= maximumPacketSize) && !budget.HasRoomFor(cost))
            {
                waiting = cost;
                return position;
            }

            MqttPacket? packet;
            SequencePosition consumed;
            try
            {
                if (!MqttPacketFormatter.TryDecode(rest, version, maximumPacketSize, out packet, out consumed))
                {
                    return position;
                }
            }
            catch (MqttProtocolViolationException ex) when (ex.ReasonCode == MqttReasonCode.PacketTooLarge && version == MqttProtocolVersion.V311 && isPublish)
            {
                // MQTT 3.1.1 cannot tell the broker our limit: skip the message, acknowledge it in order, count it.
                if (!MqttOversizedPublish.TryReadPrefix(rest, version, out _skip, out var qos, out var id))
                {
                    _skip = 0;
                    return position;
                }

                keepAlive.Received();
                oversized(qos, id);
                continue;
            }

            position += rest.Slice(0, consumed).Length;
            keepAlive.Received();
            if (packet is MqttPublishPacket message)
            {
                budget.Take(cost);
                try
                {
                    publish(message, cost);
                }
                catch
                {
                    budget.Release(cost);
                    throw;
                }
            }
            else
            {
                control(packet!);
            }
        }
    }

    /// <summary>Handles the complete control packets behind the waiting PUBLISHes (once each; <see cref="Consume"/> skips them later).</summary>
    private void LookAhead(ReadOnlySequence<byte> ahead, long position, Action<MqttPacket> control)
    {
        var offset = Math.Max(_scanned - (_start + position), 0);
        while (true)
        {
            var rest = ahead.Slice(offset);
            if (!MqttFixedHeader.TryRead(rest, version, out var header) || rest.Length < header.PacketSize)
            {
                break;
            }

            if (header.Type != MqttPacketType.Publish)
            {
                if (MqttPacketFormatter.TryDecode(rest, version, maximumPacketSize, out var packet, out _))
                {
                    _handledAhead.Enqueue(_start + position + offset);
                    keepAlive.Received();
                    control(packet!);
                }
            }
            else
            {
                keepAlive.Received(); // bytes from the broker: the connection is alive
            }

            offset += header.PacketSize;
        }

        _scanned = _start + position + offset;
    }
}
