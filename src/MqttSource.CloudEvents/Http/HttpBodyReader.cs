using MqttSource.CloudEvents.Core;

namespace MqttSource.CloudEvents.Http;

/// <summary>Reads a body into a pooled buffer, stopping once it exceeds a limit.</summary>
internal static class HttpBodyReader
{
    /// <summary>Reads the whole stream; returns null when it holds more than <paramref name="maxBodySize"/> bytes.</summary>
    public static async Task<PooledBufferWriter?> ReadAsync(Stream stream, long? contentLength, long maxBodySize, CancellationToken cancellationToken)
    {
        if (contentLength > maxBodySize)
        {
            return null;
        }

        var buffer = new PooledBufferWriter((int)Math.Clamp(contentLength ?? 4096, 1, 64 * 1024));
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    var result = buffer;
                    buffer = null;
                    return result;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBodySize)
                {
                    return null;
                }
            }
        }
        finally
        {
            buffer?.Dispose();
        }
    }

    public static CloudEventReadResult TooLarge(long maxBodySize) =>
        CloudEventReadResult.Failure(HttpMessageDecoder.PayloadTooLarge, $"The body is larger than the limit of {maxBodySize} bytes.");
}
