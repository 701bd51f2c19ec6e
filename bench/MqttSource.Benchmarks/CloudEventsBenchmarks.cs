using System.Text;
using BenchmarkDotNet.Attributes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using MqttSource.Adapter.Conversion;
using MqttSource.Adapter.Delivery;
using MqttSource.CloudEvents.Json;
using MqttSource.CloudEvents.Mqtt;
using MqttSource.Mqtt;

namespace MqttSource.Benchmarks;

/// <summary>The adapter's hot path on the CloudEvents SDK: one event with a 100-byte JSON payload, per operation.</summary>
[MemoryDiagnoser]
public class CloudEventsBenchmarks
{
    private readonly RawJsonEventFormatter formatter = RawJsonEventFormatter.Instance;
    private readonly DateTimeOffset received = new(2024, 5, 1, 12, 30, 15, TimeSpan.Zero);
    private CloudEvent cloudEvent = null!;
    private byte[] structured = [];
    private MqttApplicationMessage message = null!;
    private MqttApplicationMessage binaryCloudEvent = null!;
    private EventConverter converter = null!;

    [GlobalSetup]
    public void Setup()
    {
        const string Json = "{\"sensor\":\"room-1\",\"celsius\":21.5,\"humidity\":40,\"battery\":97,\"ok\":true,\"note\":\"\"}";
        var payload = Encoding.UTF8.GetBytes(Json.Insert(Json.Length - 2, new string('x', 100 - Json.Length)));
        cloudEvent = new CloudEvent
        {
            Id = "0190f6b2-7c1e-7a3b-9d4e-5f6a7b8c9d0e",
            Source = new Uri("/apis/v1/namespaces/default/mqttsources/demo", UriKind.RelativeOrAbsolute),
            Type = "dev.knative.sources.mqtt.message",
            Subject = "sensors/room-1/temperature",
            Time = new DateTimeOffset(2024, 5, 1, 12, 30, 15, TimeSpan.Zero).AddTicks(1234567),
            DataContentType = "application/json",
            Data = payload,
        };
        if (payload.Length != 100)
        {
            throw new InvalidOperationException("The payload must be 100 bytes.");
        }

        cloudEvent[MqttCloudEventAttributes.Qos] = 1;
        structured = formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
        message = new MqttApplicationMessage { Topic = "sensors/room-1/temperature", Payload = payload, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce };
        binaryCloudEvent = cloudEvent.ToMqttApplicationMessage(ContentMode.Binary, formatter, "sensors/room-1/temperature");
        converter = new EventConverter(new ConversionSettings
        {
            Source = new Uri("/apis/v1/namespaces/default/mqttsources/demo", UriKind.RelativeOrAbsolute),
            TypeForTopic = static _ => "dev.knative.sources.mqtt.message",
        });
    }

    /// <summary>Binary mode as the adapter sends it: the SDK's HTTP binding.</summary>
    [Benchmark]
    public long HttpBinaryEncode()
    {
        using var content = CloudEventContent.Create(cloudEvent, ContentMode.Binary);
        return content.Headers.ContentLength ?? 0;
    }

    /// <summary>Structured mode as the adapter sends it: the formatter's JSON and its Content-Type.</summary>
    [Benchmark]
    public long HttpStructuredEncode()
    {
        using var content = CloudEventContent.Create(cloudEvent, ContentMode.Structured);
        return content.Headers.ContentLength ?? 0;
    }

    /// <summary>Structured mode through the SDK's HTTP binding, which adds every attribute as a ce- header too (not used).</summary>
    [Benchmark]
    public long SdkHttpStructuredEncode()
    {
        using var content = cloudEvent.ToHttpContent(ContentMode.Structured, formatter);
        return content.Headers.ContentLength ?? 0;
    }

    [Benchmark]
    public int StructuredJsonEncode() => formatter.EncodeStructuredModeMessage(cloudEvent, out _).Length;

    [Benchmark]
    public CloudEvent StructuredJsonDecode() => formatter.DecodeStructuredModeMessage(structured, null, null);

    /// <summary>The adapter per message: wrap an MQTT message (with passthrough detection) and encode it for the sink.</summary>
    [Benchmark]
    public long AdapterConvertAndEncodeBinary()
    {
        var ev = converter.Convert(message, received).Event;
        using var content = CloudEventContent.Create(ev, ContentMode.Binary);
        return content.Headers.ContentLength ?? 0;
    }

    /// <summary>An MQTT 5 binary-mode CloudEvent read back from its user properties (passthrough).</summary>
    [Benchmark]
    public CloudEvent? MqttBinaryDecode() => binaryCloudEvent.DecodeCloudEvent(MqttProtocolVersion.V500).CloudEvent;
}
