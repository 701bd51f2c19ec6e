using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace MqttSource.EventDisplay.Output;

/// <summary>Writes a raw request (request line, headers, blank line, body) like Go's <c>httputil.DumpRequest</c>, made safe for a terminal.</summary>
internal static class RequestDumper
{
    /// <summary>Appends the request and a trailing blank line.</summary>
    public static void Append(StringBuilder builder, HttpRequest request, ReadOnlySpan<byte> body, bool bodyTruncated)
    {
        SafeText.AppendLine(builder, $"{request.Method} {request.PathBase}{request.Path}{request.QueryString} {request.Protocol}");
        builder.Append('\n');
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                SafeText.AppendLine(builder, name);
                builder.Append(": ");
                SafeText.AppendLine(builder, value);
                builder.Append('\n');
            }
        }

        builder.Append('\n');
        if (!body.IsEmpty)
        {
            if (Utf8.IsValid(body))
            {
                SafeText.AppendUtf8(builder, body, string.Empty);
            }
            else
            {
                builder.Append('(').Append(body.Length).Append(" bytes, not UTF-8:)\n");
                HexDump.Append(builder, body, string.Empty);
            }

            builder.Append('\n');
        }

        if (bodyTruncated)
        {
            builder.Append("(body truncated: larger than the limit)\n");
        }

        builder.Append('\n');
    }
}
