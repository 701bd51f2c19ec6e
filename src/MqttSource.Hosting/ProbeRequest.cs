using System.Text;

namespace MqttSource.Hosting;

/// <summary>
/// The head of one HTTP/1.x request to the probe listener, as far as it needs one: method, path (query dropped), whether the
/// connection may stay open, and whether a body follows (the listener never reads one: it answers and closes).
/// </summary>
public sealed record ProbeRequest(string Method, string Path, bool KeepAlive, bool HasBody)
{
    /// <summary>Parses the bytes before the blank line (<c>CRLF CRLF</c> not included); null when they are not an HTTP/1.x request head.</summary>
    public static ProbeRequest? Parse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? head : head[..lineEnd];
        var firstSpace = requestLine.IndexOf((byte)' ');
        var lastSpace = requestLine.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        {
            return null;
        }

        var method = requestLine[..firstSpace];
        var target = requestLine[(firstSpace + 1)..lastSpace];
        var version = requestLine[(lastSpace + 1)..];
        if (!IsToken(method) || target.IndexOf((byte)' ') >= 0 || !(version.SequenceEqual("HTTP/1.1"u8) || version.SequenceEqual("HTTP/1.0"u8)))
        {
            return null;
        }

        var path = PathOf(target);
        if (path is null)
        {
            return null;
        }

        var keepAlive = version[^1] == (byte)'1';
        var hasBody = false;
        var headers = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!headers.IsEmpty)
        {
            var end = headers.IndexOf("\r\n"u8);
            var line = end < 0 ? headers : headers[..end];
            headers = end < 0 ? [] : headers[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return null;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                keepAlive = keepAlive && !Ascii.EqualsIgnoreCase(value, "close"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8) || (Ascii.EqualsIgnoreCase(name, "content-length"u8) && !value.SequenceEqual("0"u8)))
            {
                hasBody = true;
            }
        }

        return new ProbeRequest(Encoding.ASCII.GetString(method), path, keepAlive, hasBody);
    }

    /// <summary>The path of an origin-form (<c>/readiness?x</c>) or absolute-form (<c>http://host/readiness</c>) target.</summary>
    private static string? PathOf(ReadOnlySpan<byte> target)
    {
        if (!Ascii.IsValid(target))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(target);
        if (text.StartsWith('/'))
        {
            var query = text.IndexOfAny(['?', '#']);
            return query < 0 ? text : text[..query];
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath : null;
    }

    private static bool IsToken(ReadOnlySpan<byte> text)
    {
        foreach (var c in text)
        {
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}"u8.Contains(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
