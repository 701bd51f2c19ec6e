using System.Text;
using FsCheck;
using FsCheck.Fluent;
using CloudNative.CloudEvents;

namespace MqttSource.Testing.CloudEvents;

/// <summary>FsCheck generators of CloudEvents for the round-trip property tests of every binding.</summary>
public static class RandomCloudEvents
{
    /// <summary>300 cases, failures thrown.</summary>
    public static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly string[] Pieces = ["a", "Z", "0", "9", " ", "%", "\"", "-", "/", ":", "~", "+", ",", "é", "漢", "😀", "\u00A0", "€", "'"];

    private static Gen<string> Text(int minimum) =>
        Gen.Elements(Pieces).ListOf().Select(string.Concat).Where(text => text.Length >= minimum);

    private static readonly Gen<string> Source = Gen.OneOf(
        Text(0).Select(text => "/" + text),
        Gen.Elements("mqtt://broker:1883", "https://example.com/a?b=c#d", "urn:example:1", "relative/path"));

    private static readonly Gen<DateTimeOffset> Time =
        from ticks in Gen.Choose(0, int.MaxValue).Select(value => new DateTime(1970, 1, 1).Ticks + ((long)value * 1_000_000_007L % (new DateTime(9000, 1, 1).Ticks - new DateTime(1970, 1, 1).Ticks)))
        from offset in Gen.Choose(-14 * 4, 14 * 4)
        select new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset * 15));

    private static readonly Gen<byte[]> JsonData = Gen.Elements(
        "1e400", "12345678901234567890", "-0.0", "\"é 😀 \\u00e9\"", "[1,[2,[3]]]", "null", "true", "{\"a\":{\"b\":\"\\n\"}}", "[ 1 ,\t2 ]")
        .Select(Encoding.UTF8.GetBytes);

    private static readonly Gen<byte[]> Bytes = Gen.Choose(0, 255).Select(value => (byte)value).ArrayOf().Where(bytes => bytes.Length > 0);

    private static readonly Gen<object> ExtensionValue = Gen.OneOf(
        Text(0).Select(text => (object)text),
        Gen.Elements(int.MinValue, int.MaxValue, 0, -1).Select(value => (object)value),
        Gen.Choose(int.MinValue, int.MaxValue).Select(value => (object)value),
        Gen.Elements(true, false).Select(value => (object)value),
        Bytes.Select(value => (object)value),
        Gen.Elements("https://x.example/p", "mqtt://h:1").Select(value => (object)new Uri(value)),
        Time.Select(value => (object)value));

    private static readonly HashSet<string> ReservedNames = ["specversion", "data", .. CloudEventsSpecVersion.V1_0.AllAttributes.Select(attribute => attribute.Name)];

    private static readonly Gen<string> ExtensionName = Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray())
        .ArrayOf().Select(chars => new string(chars))
        .Where(name => name.Length is > 0 and <= 20 && !ReservedNames.Contains(name));

    /// <summary>Random valid events (SDK types, data as bytes): Unicode text, URIs and URI-references, times with offsets, JSON/text/binary data, typed extensions.</summary>
    public static readonly Gen<CloudEvent> Events =
        from id in Text(1)
        from source in Source
        from type in Text(1)
        from subject in Gen.OneOf(Gen.Constant<string?>(null), Text(1).Select(text => (string?)text))
        from time in Gen.OneOf(Gen.Constant<DateTimeOffset?>(null), Time.Select(value => (DateTimeOffset?)value))
        from schema in Gen.Elements<Uri?>(null, new Uri("https://example.com/schema"))
        from contentType in Gen.Elements<string?>(null, "application/json", "application/vnd.x+json; charset=utf-8", "text/plain", "application/octet-stream")
        from data in Gen.OneOf(Gen.Constant<byte[]?>(null), JsonData.Select(bytes => (byte[]?)bytes), Bytes.Select(bytes => (byte[]?)bytes))
        from extensions in Gen.Zip(ExtensionName, ExtensionValue).ListOf()
        select Build(id, source, type, subject, time, schema, contentType, data, extensions);

    private static CloudEvent Build(string id, string source, string type, string? subject, DateTimeOffset? time, Uri? schema,
        string? contentType, byte[]? data, IEnumerable<(string Name, object Value)> extensions)
    {
        var cloudEvent = new CloudEvent
        {
            Id = id,
            Source = new Uri(source, UriKind.RelativeOrAbsolute),
            Type = type,
            Subject = subject,
            Time = time,
            DataSchema = schema,
            DataContentType = contentType,
            Data = data,
        };
        foreach (var (name, value) in extensions.DistinctBy(extension => extension.Name))
        {
            cloudEvent[CloudEventAttribute.CreateExtension(name, TypeOf(value))] = value;
        }

        return cloudEvent;
    }

    private static CloudEventAttributeType TypeOf(object value) => value switch
    {
        string => CloudEventAttributeType.String,
        int => CloudEventAttributeType.Integer,
        bool => CloudEventAttributeType.Boolean,
        byte[] => CloudEventAttributeType.Binary,
        Uri => CloudEventAttributeType.Uri,
        _ => CloudEventAttributeType.Timestamp,
    };

    /// <summary>
    /// Checks that <paramref name="roundTrip"/> gives back an equivalent event for 300 random events
    /// (<paramref name="jsonDataInline"/>: through the JSON format, see <see cref="TestEvents.AssertEquivalent"/>).
    /// </summary>
    public static void Check(Func<CloudEvent, CloudEvent> roundTrip, bool jsonDataInline = false) =>
        Prop.ForAll(Events.ToArbitrary(), cloudEvent =>
        {
            TestEvents.AssertEquivalent(cloudEvent, roundTrip(cloudEvent), jsonDataInline);
        }).Check(Config);

}
