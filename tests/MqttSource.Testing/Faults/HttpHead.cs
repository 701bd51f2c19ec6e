using System.Net.Sockets;

namespace MqttSource.Testing.Faults;

/// <summary>Reads an HTTP/1.x message head (start line and headers, up to the empty line) off a raw socket.</summary>
public static class HttpHead
{
    /// <summary>The most a head may take; a longer one is not HTTP as we know it.</summary>
    public const int MaxLength = 64 * 1024;

    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>
    /// Reads until the head is complete and returns everything read so far (the head and any body bytes that came with it),
    /// or null when the peer closed first. Throws <see cref="InvalidDataException"/> past <see cref="MaxLength"/>.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Socket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var buffer = new byte[MaxLength];
        var read = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }

            var searchFrom = Math.Max(0, read - (EndOfHead.Length - 1));
            read += n;
            if (buffer.AsSpan(searchFrom, read - searchFrom).IndexOf(EndOfHead) >= 0)
            {
                return buffer[..read];
            }

            if (read == buffer.Length)
            {
                throw new InvalidDataException($"no end of an HTTP head within {MaxLength} bytes");
            }
        }
    }

    /// <summary>An HTTP/1.1 response head with <paramref name="statusCode"/> that promises a body of <paramref name="contentLength"/> bytes.</summary>
    public static byte[] ResponseHead(int statusCode, int contentLength) =>
        System.Text.Encoding.ASCII.GetBytes(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"HTTP/1.1 {statusCode} {Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode)}\r\nContent-Type: text/plain\r\nContent-Length: {contentLength}\r\n\r\n"));
}
