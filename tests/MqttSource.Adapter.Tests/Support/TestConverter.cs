using MqttSource.Adapter.Conversion;
using MqttSource.Apis.Settings;
using MqttSource.Apis.Spec;
using MqttSource.Mqtt;

namespace MqttSource.Adapter.Tests.Support;

/// <summary>An <see cref="EventConverter"/> for a spec given as JSON, built from the resolved settings as the adapter builds it.</summary>
internal static class TestConverter
{
    /// <summary>The spec <c>{broker, topics: [{filter: "#"}], <paramref name="specMembers"/>}</c>, standalone unless <paramref name="namespace"/> is given.</summary>
    public static EventConverter Create(
        string specMembers = "",
        string name = "telemetry",
        string? @namespace = null,
        string topics = """[{ "filter": "#" }]""",
        string broker = """{ "url": "mqtt://broker.test:1883" }""")
    {
        var json = "{ \"broker\": " + broker + ", \"topics\": " + topics + ", \"sink\": { \"uri\": \"http://127.0.0.1:9/\" }" + (specMembers.Length > 0 ? ", " + specMembers : string.Empty) + "}";
        var source = MqttSourceSettings.Resolve(MqttSourceSpec.FromJson(json), name, @namespace);
        return new EventConverter(ConversionSettings.From(source));
    }

    public static MqttApplicationMessage Message(string topic, byte[] payload, string? contentType = null, params (string Name, string Value)[] properties) => new()
    {
        Topic = topic,
        Payload = payload,
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        ContentType = contentType,
        UserProperties = properties.Length == 0 ? null : [.. properties.Select(p => new MqttUserProperty(p.Name, p.Value))],
    };

    public static MqttApplicationMessage Message(string topic, string payload, string? contentType = null, params (string Name, string Value)[] properties) =>
        Message(topic, System.Text.Encoding.UTF8.GetBytes(payload), contentType, properties);
}
