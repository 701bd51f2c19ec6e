using System.Text;
using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Json;
using Xunit;

namespace MqttSource.Testing.CloudEvents;

/// <summary>Sample events (SDK types, data as bytes) and an equivalence check that compares canonical forms.</summary>
public static class TestEvents
{
    /// <summary><c>mqttqos</c> as the adapter types it.</summary>
    public static readonly CloudEventAttribute Qos = CloudEventAttribute.CreateExtension("mqttqos", CloudEventAttributeType.Integer);

    /// <summary><c>mqttretain</c> as the adapter types it.</summary>
    public static readonly CloudEventAttribute Retain = CloudEventAttribute.CreateExtension("mqttretain", CloudEventAttributeType.Boolean);

    public static CloudEvent Minimal() => new()
    {
        Id = "A234-1234-1234",
        Source = new Uri("/mycontext", UriKind.RelativeOrAbsolute),
        Type = "com.example.someevent",
    };

    public static CloudEvent Full()
    {
        var cloudEvent = new CloudEvent
        {
            Id = "id-é 漢 %\"",
            Source = new Uri("mqtt://broker:1883/sensors", UriKind.RelativeOrAbsolute),
            Type = "com.example.sensor.reading",
            DataContentType = "application/json",
            DataSchema = new Uri("https://example.com/schema.json"),
            Subject = "sensors/room 1/temperature",
            Time = new DateTimeOffset(2024, 5, 1, 12, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567),
            Data = Encoding.UTF8.GetBytes("{\"celsius\":21.50,\"big\":12345678901234567890}"),
        };
        cloudEvent[Qos] = 1;
        cloudEvent[Retain] = true;
        cloudEvent["mqtttopic"] = "a/b";
        return cloudEvent;
    }

    /// <summary>The data bytes of an event (null when it has none); fails when the data is not bytes.</summary>
    public static byte[]? Data(CloudEvent cloudEvent) => cloudEvent.Data switch
    {
        null => null,
        byte[] bytes => bytes,
        var other => throw new Xunit.Sdk.XunitException($"Expected byte[] data, got {other.GetType().Name}."),
    };

    /// <summary>The data as UTF-8 text.</summary>
    public static string DataText(CloudEvent cloudEvent) => Encoding.UTF8.GetString(Data(cloudEvent) ?? []);

    /// <summary>
    /// Asserts that <paramref name="actual"/> carries what <paramref name="expected"/> does. With
    /// <paramref name="jsonDataInline"/> (the JSON format), JSON data is compared without the JSON whitespace around the
    /// value: structured mode writes the bytes verbatim, but reading the envelope gives the value alone.
    /// </summary>
    public static void AssertEquivalent(CloudEvent expected, CloudEvent actual, bool jsonDataInline = false)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Source?.OriginalString, actual.Source?.OriginalString);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(DataContentType(expected), DataContentType(actual));
        Assert.Equal(expected.DataSchema?.OriginalString, actual.DataSchema?.OriginalString);
        Assert.Equal(expected.Subject, actual.Subject);
        Assert.Equal(expected.Time, actual.Time);
        Assert.Equal(expected.Time?.Offset, actual.Time?.Offset);
        Assert.Equal(jsonDataInline ? InlineJsonData(expected) : Data(expected), Data(actual));
        Assert.Equal(Extensions(expected), Extensions(actual));
    }

    /// <summary>The data as the JSON format reads it back: JSON data without the whitespace around the value.</summary>
    public static byte[]? InlineJsonData(CloudEvent cloudEvent) =>
        Data(cloudEvent) is { } data && CloudEventData.IsJsonMediaType(DataContentType(cloudEvent)) && CloudEventData.IsValidJson(data)
            ? data.AsSpan().Trim(" \t\r\n"u8).ToArray()
            : Data(cloudEvent);

    /// <summary>
    /// The datacontenttype, or for data without one the content type every binding infers (the JSON format and the HTTP
    /// binding cannot carry data without one): application/json for valid JSON, else application/octet-stream.
    /// </summary>
    public static string? DataContentType(CloudEvent cloudEvent) =>
        cloudEvent.DataContentType ?? (Data(cloudEvent) is { } data ? CloudEventData.InferContentType(data) : null);

    /// <summary>Extensions as "name:Type=canonical" strings (or "name=canonical" when not <paramref name="typed"/>), sorted.</summary>
    public static string[] Extensions(CloudEvent cloudEvent, bool typed = true) =>
        [.. cloudEvent.GetPopulatedAttributes()
            .Where(pair => pair.Key.IsExtension)
            .Select(pair => typed ? $"{pair.Key.Name}:{pair.Key.Type.Name}={pair.Key.Format(pair.Value)}" : $"{pair.Key.Name}={pair.Key.Format(pair.Value)}")
            .Order(StringComparer.Ordinal)];
}
