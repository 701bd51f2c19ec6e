using System.Buffers;
using System.IO.Pipelines;

namespace MqttSource.EventDisplay.Http;

/// <summary>Writes the text/event-stream format into a pipe.</summary>
internal static class ServerSentEvents
{
    /// <summary>
    /// Writes one event. The data is split at line breaks into several <c>data:</c> lines (the client
    /// joins them with a line feed), so raw JSON holding line breaks cannot end the event early.
    /// </summary>
    public static void WriteEvent(PipeWriter writer, long id, ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        writer.Write("id: "u8);
        WriteNumber(writer, id);
        writer.Write("\nevent: "u8);
        writer.Write(eventName);
        writer.Write("\n"u8);
        while (true)
        {
            var end = data.IndexOfAny((byte)'\r', (byte)'\n');
            writer.Write("data: "u8);
            writer.Write(end < 0 ? data : data[..end]);
            writer.Write("\n"u8);
            if (end < 0)
            {
                break;
            }

            var skip = data[end] == '\r' && end + 1 < data.Length && data[end + 1] == '\n' ? 2 : 1;
            data = data[(end + skip)..];
        }

        writer.Write("\n"u8);
    }

    /// <summary>Writes an event whose data is a number, without an id.</summary>
    public static void WriteNumberEvent(PipeWriter writer, ReadOnlySpan<byte> eventName, long value)
    {
        writer.Write("event: "u8);
        writer.Write(eventName);
        writer.Write("\ndata: "u8);
        WriteNumber(writer, value);
        writer.Write("\n\n"u8);
    }

    private static void WriteNumber(PipeWriter writer, long value)
    {
        var span = writer.GetSpan(20);
        value.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        writer.Advance(written);
    }
}
