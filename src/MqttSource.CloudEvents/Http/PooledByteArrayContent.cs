using System.Buffers;
using System.Net;
using MqttSource.CloudEvents.Core;

namespace MqttSource.CloudEvents.Http;

/// <summary>HTTP content over an array rented from the shared pool; disposing the content returns the array.</summary>
internal sealed class PooledByteArrayContent : HttpContent
{
    private readonly int length;
    private byte[]? buffer;

    public PooledByteArrayContent(PooledBufferWriter writer)
    {
        length = writer.WrittenCount;
        buffer = writer.DetachBuffer();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Memory, CancellationToken.None).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Memory, cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(Memory.Span);

    protected override Task<Stream> CreateContentReadStreamAsync() =>
        Task.FromResult<Stream>(new MemoryStream(buffer ?? throw new ObjectDisposedException(nameof(PooledByteArrayContent)), 0, length, writable: false));

    protected override bool TryComputeLength(out long length)
    {
        length = this.length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }

        base.Dispose(disposing);
    }

    private ReadOnlyMemory<byte> Memory =>
        (buffer ?? throw new ObjectDisposedException(nameof(PooledByteArrayContent))).AsMemory(0, length);
}
