namespace MqttSource.EventDisplay.Tests.Output;

/// <summary>The expected stdout for the sample events, in Knative event_display's layout.</summary>
internal static class GoldenText
{
    public const string JsonEvent = """
        ☁️  cloudevents.Event
        Validation: valid
        Context Attributes,
          specversion: 1.0
          type: com.example.sensor.reading
          source: /sensors/tenant/42
          subject: room/kitchen
          id: A234-1234-1234
          time: 2024-05-01T12:30:00Z
          datacontenttype: application/json
        Data,
          {
            "temperature": 21.5,
            "tags": [
              "a",
              "b"
            ],
            "empty": {}
          }

        """;

    public const string BinaryEvent = """
        ☁️  cloudevents.Event
        Validation: valid
        Context Attributes,
          specversion: 1.0
          type: com.example.blob
          source: mqtt://broker/devices/7
          id: bin-1
          datacontenttype: application/octet-stream
        Extensions,
          mqtttopic: devices/7/blob
          retries: 3
          traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
        Data (binary),
          18 bytes that are not printable text, as a hex dump:
          00000000  00 01 02 ff 68 69 1b 5b  32 4a 7f 80 10 20 41 42  |....hi.[2J... AB|
          00000010  43 0a                                             |C.|

        """;
}
