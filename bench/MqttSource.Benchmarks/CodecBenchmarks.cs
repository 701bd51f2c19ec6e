using System.Buffers;
using BenchmarkDotNet.Attributes;
using MqttSource.Mqtt;
using MqttSource.Mqtt.Formatting;
using MqttSource.Mqtt.Packets;

namespace MqttSource.Benchmarks;

/// <summary>Encode and decode of a QoS 1 PUBLISH with a 100-byte payload, as the adapter receives them.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _writer = new(1024);
    private MqttPublishPacket _packet = null!;
    private ReadOnlySequence<byte> _bytes;

    [Params(MqttProtocolVersion.V311, MqttProtocolVersion.V500)]
    public MqttProtocolVersion Version { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _packet = new MqttPublishPacket
        {
            PacketIdentifier = 42,
            Message = new MqttApplicationMessage
            {
                Topic = "factory/line-3/sensor-17/temperature",
                Payload = new byte[100],
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            },
        };
        MqttPacketFormatter.Encode(_packet, Version, _writer);
        _bytes = new ReadOnlySequence<byte>(_writer.WrittenMemory.ToArray());
    }

    [Benchmark]
    public MqttPacket? DecodePublish()
    {
        MqttPacketFormatter.TryDecode(_bytes, Version, 1_048_576, out var packet, out _);
        return packet;
    }

    [Benchmark]
    public int EncodePublish()
    {
        _writer.ResetWrittenCount();
        MqttPacketFormatter.Encode(_packet, Version, _writer);
        return _writer.WrittenCount;
    }
}
