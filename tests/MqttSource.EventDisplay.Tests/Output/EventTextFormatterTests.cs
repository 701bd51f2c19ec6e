using System.Text;
using CloudNative.CloudEvents;
using MqttSource.EventDisplay.Output;
using MqttSource.EventDisplay.Tests.Support;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Output;

public sealed class EventTextFormatterTests
{
    [Fact]
    public void Append_JsonEvent_MatchesEventDisplayLayout() =>
        Assert.Equal(GoldenText.JsonEvent, Format(SampleEvents.Json()));

    [Fact]
    public void Append_BinaryEventWithExtensions_SortsExtensionsAndDumpsHex() =>
        Assert.Equal(GoldenText.BinaryEvent, Format(SampleEvents.Binary()));

    [Fact]
    public void Append_NoData_HasNoDataSection()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = new Uri("urn:a"), Type = "t" };

        Assert.Equal(
            "☁️  cloudevents.Event\nValidation: valid\nContext Attributes,\n  specversion: 1.0\n  type: t\n  source: urn:a\n  id: 1\n",
            Format(cloudEvent));
    }

    [Fact]
    public void Append_TextData_IndentsLinesAndEscapesControlCharacters()
    {
        var cloudEvent = new CloudEvent
        {
            Id = "1",
            Source = new Uri("urn:a"),
            Type = "t",
            DataContentType = "text/plain",
            Data = Encoding.UTF8.GetBytes("line one\r\nline two\tend"),
        };

        Assert.EndsWith("Data,\n  line one\n  line two\tend\n", Format(cloudEvent), StringComparison.Ordinal);
    }

    [Fact]
    public void Append_AttributeWithBidiOverride_IsEscaped()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = new Uri("urn:a"), Type = "t" };
        cloudEvent["note"] = "report\u202egnp.exe";

        var text = Format(cloudEvent);

        Assert.Contains("  note: report\\u202egnp.exe\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202e', text);
    }

    [Fact]
    public void Append_JsonContentTypeButNotJson_ShowsText()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = new Uri("urn:a"), Type = "t", DataContentType = "application/json", Data = "{not json"u8.ToArray() };

        Assert.EndsWith("Data,\n  {not json\n", Format(cloudEvent), StringComparison.Ordinal);
    }

    [Fact]
    public void Append_InvalidUtf8_ShowsHexDump()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = new Uri("urn:a"), Type = "t", DataContentType = "text/plain", Data = new byte[] { 0x68, 0xc3, 0x28 } };

        Assert.EndsWith(
            "Data (binary),\n  3 bytes that are not printable text, as a hex dump:\n  00000000  68 c3 28                                          |h.(|\n",
            Format(cloudEvent),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Append_LargeBinaryData_DumpIsCapped()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = new Uri("urn:a"), Type = "t", Data = new byte[HexDump.MaxBytes + 100] };

        var text = Format(cloudEvent);

        Assert.EndsWith("  ... 100 more bytes not shown\n", text, StringComparison.Ordinal);
        Assert.Equal(HexDump.MaxBytes / 16, text.Split('\n').Count(line => line.StartsWith("  0000", StringComparison.Ordinal)));
    }

    private static string Format(CloudEvent cloudEvent)
    {
        var builder = new StringBuilder();
        EventTextFormatter.Append(builder, cloudEvent);
        return builder.ToString();
    }
}
