using System.Text;
using MqttSource.CloudEvents;
using Xunit;

namespace MqttSource.Testing.CloudEvents;

/// <summary>Sample events and an equivalence check that compares canonical forms.</summary>
public static class TestEvents
{
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
        cloudEvent["mqttqos"] = 1;
        cloudEvent["mqttretain"] = true;
        cloudEvent["mqtttopic"] = "a/b";
        return cloudEvent;
    }

    public static void AssertEquivalent(CloudEvent expected, CloudEvent actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Source?.OriginalString, actual.Source?.OriginalString);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.DataContentType, actual.DataContentType);
        Assert.Equal(expected.DataSchema?.OriginalString, actual.DataSchema?.OriginalString);
        Assert.Equal(expected.Subject, actual.Subject);
        Assert.Equal(expected.Time, actual.Time);
        Assert.Equal(expected.Time?.Offset, actual.Time?.Offset);
        Assert.Equal(expected.Data?.ToArray(), actual.Data?.ToArray());
        Assert.Equal(Extensions(expected), Extensions(actual));
    }

    /// <summary>Extensions as "name:Type=canonical" strings, sorted.</summary>
    public static string[] Extensions(CloudEvent cloudEvent) =>
        [.. cloudEvent.GetPopulatedAttributes()
            .Where(pair => pair.Key.IsExtension)
            .Select(pair => $"{pair.Key.Name}:{pair.Key.Type.Name}={pair.Key.Format(pair.Value)}")
            .Order(StringComparer.Ordinal)];
}
