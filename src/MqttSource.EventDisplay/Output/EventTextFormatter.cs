using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CloudNative.CloudEvents;
using MqttSource.CloudEvents.Json;

namespace MqttSource.EventDisplay.Output;

/// <summary>
/// Writes an event in the layout of Knative's event_display (the CloudEvents Go SDK's <c>Event.String()</c>
/// after a <c>☁️  cloudevents.Event</c> line). Every value is made safe for a terminal; data that is not
/// printable text is shown as a hex dump under <c>Data (binary),</c>.
/// </summary>
internal static class EventTextFormatter
{
    private const string Indent = "  ";

    /// <summary>Appends the event, ending with a line break.</summary>
    public static void Append(StringBuilder builder, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var spec = cloudEvent.SpecVersion;
        builder.Append("☁️  cloudevents.Event\n");
        builder.Append("Validation: ").Append(cloudEvent.IsValid ? "valid" : "invalid").Append('\n');
        builder.Append("Context Attributes,\n");
        Attribute(builder, "specversion", spec.VersionId);
        Attribute(builder, "type", cloudEvent.Type);
        Attribute(builder, "source", cloudEvent.Source?.OriginalString);
        Attribute(builder, "subject", cloudEvent.Subject);
        Attribute(builder, "id", cloudEvent.Id);
        Attribute(builder, "time", cloudEvent.Time is { } time ? spec.TimeAttribute.Format(time) : null);
        Attribute(builder, "dataschema", cloudEvent.DataSchema?.OriginalString);
        Attribute(builder, "datacontenttype", cloudEvent.DataContentType);
        AppendExtensions(builder, cloudEvent);
        if (cloudEvent.Data is not null)
        {
            AppendData(builder, RawJsonEventFormatter.Instance.EncodeBinaryModeEventData(cloudEvent).Span, cloudEvent.DataContentType);
        }
    }

    private static void Attribute(StringBuilder builder, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        builder.Append(Indent).Append(name).Append(": ");
        SafeText.AppendLine(builder, value);
        builder.Append('\n');
    }

    private static void AppendExtensions(StringBuilder builder, CloudEvent cloudEvent)
    {
        List<KeyValuePair<string, string>>? extensions = null;
        foreach (var (attribute, value) in cloudEvent.GetPopulatedAttributes())
        {
            if (attribute.IsExtension)
            {
                (extensions ??= []).Add(new(attribute.Name, attribute.Format(value)));
            }
        }

        if (extensions is null)
        {
            return;
        }

        extensions.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        builder.Append("Extensions,\n");
        foreach (var (name, value) in extensions)
        {
            Attribute(builder, name, value);
        }
    }

    private static void AppendData(StringBuilder builder, ReadOnlySpan<byte> data, string? contentType)
    {
        if (Utf8.IsValid(data))
        {
            if (CloudEventData.IsJsonMediaType(contentType))
            {
                builder.Append("Data,\n").Append(Indent);
                if (JsonPrettyPrinter.TryAppend(builder, data, Indent))
                {
                    builder.Append('\n');
                    return;
                }

                builder.Length -= "Data,\n".Length + Indent.Length;
            }

            if (TryAppendText(builder, data))
            {
                return;
            }
        }

        builder.Append("Data (binary),\n").Append(Indent)
            .Append(data.Length).Append(data.Length == 1 ? " byte" : " bytes")
            .Append(" that are not printable text, as a hex dump:\n").Append(Indent);
        HexDump.Append(builder, data, Indent);
        builder.Append('\n');
    }

    private static bool TryAppendText(StringBuilder builder, ReadOnlySpan<byte> utf8)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, Encoding.UTF8.GetMaxCharCount(utf8.Length)));
        try
        {
            var text = chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars));
            if (!SafeText.IsPrintable(text))
            {
                return false;
            }

            builder.Append("Data,\n").Append(Indent);
            SafeText.AppendMultiline(builder, text, Indent);
            builder.Append('\n');
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
