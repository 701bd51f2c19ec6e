using MqttSource.Mqtt.Packets;

namespace MqttSource.Mqtt.Tests.Formatting;

/// <summary>A packet and the bytes the spec says it encodes to.</summary>
internal sealed record GoldenCase(string Name, MqttProtocolVersion Version, Func<MqttPacket> Packet, string Hex)
{
    public byte[] Bytes => Codec.Hex(Hex);
}
