using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using MqttSource.CloudEvents.Json;

namespace MqttSource.EventDisplay.Tests.Support;

/// <summary>Events the tests send, and a helper to post them.</summary>
internal static class SampleEvents
{
    public static CloudEvent Json(string id = "A234-1234-1234", string type = "com.example.sensor.reading") => new()
    {
        Id = id,
        Source = new Uri("/sensors/tenant/42", UriKind.RelativeOrAbsolute),
        Type = type,
        Subject = "room/kitchen",
        Time = new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.Zero),
        DataContentType = "application/json",
        Data = Encoding.UTF8.GetBytes("""{"temperature":21.5,"tags":["a","b"],"empty":{}}"""),
    };

    public static CloudEvent Binary()
    {
        var cloudEvent = new CloudEvent
        {
            Id = "bin-1",
            Source = new Uri("mqtt://broker/devices/7", UriKind.RelativeOrAbsolute),
            Type = "com.example.blob",
            DataContentType = "application/octet-stream",
            Data = new byte[] { 0x00, 0x01, 0x02, 0xff, (byte)'h', (byte)'i', 0x1b, (byte)'[', (byte)'2', (byte)'J', 0x7f, 0x80, 0x10, 0x20, 0x41, 0x42, 0x43, 0x0a },
        };
        cloudEvent["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        cloudEvent["mqtttopic"] = "devices/7/blob";
        cloudEvent[CloudEventAttribute.CreateExtension("retries", CloudEventAttributeType.Integer)] = 3;
        return cloudEvent;
    }

    /// <summary>Posts an event as the SDK's HTTP binding encodes it (structured mode with its extra ce- headers too).</summary>
    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, CloudEvent cloudEvent, ContentMode mode, string path = "/")
    {
        using var content = cloudEvent.ToHttpContent(mode, RawJsonEventFormatter.Instance);
        return await client.PostAsync(path, content);
    }
}
