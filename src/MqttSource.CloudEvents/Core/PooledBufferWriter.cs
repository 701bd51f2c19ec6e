using System.Buffers;

namespace MqttSource.CloudEvents.Core;

/// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] buffer;
    private int written;

    public PooledBufferWriter(int initialCapacity) => buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, written);

    public int WrittenCount => written;

    /// <summary>Hands the rented array to the caller, who must return it to the pool.</summary>
    public byte[] DetachBuffer()
    {
        var detached = buffer;
        buffer = [];
        written = 0;
        return detached;
    }

    public void Advance(int count) => written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(written);
    }

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (buffer.Length - written >= sizeHint)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, written + sizeHint));
        buffer.AsSpan(0, written).CopyTo(larger);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = larger;
    }
}
