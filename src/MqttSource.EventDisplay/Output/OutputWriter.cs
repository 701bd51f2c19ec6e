using System.Buffers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using CloudNative.CloudEvents;
using MqttSource.EventDisplay.Logging;

namespace MqttSource.EventDisplay.Output;

/// <summary>
/// The single writer to stdout. Receivers format their text on their own thread and queue it in a
/// bounded channel (when it is full they wait: stdout is not allowed to lose events); one loop writes
/// the queue through the buffered <see cref="TextWriter"/> and flushes whenever the queue runs dry.
/// </summary>
internal sealed class OutputWriter : IAsyncDisposable
{
    private const int MaxCachedBuilderCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? cachedBuilder;

    private readonly TextWriter output;
    private readonly ILogger logger;
    private readonly Channel<OutputChunk> queue;
    private readonly Task loop;
    private bool failed;

    /// <param name="output">Where the text goes; flushed, never disposed, by this writer.</param>
    /// <param name="capacity">How many chunks may wait.</param>
    /// <param name="logger">Reports a broken output once.</param>
    public OutputWriter(TextWriter output, int capacity, ILogger logger)
    {
        this.output = output;
        this.logger = logger;
        queue = Channel.CreateBounded<OutputChunk>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues an event in the event_display layout.</summary>
    public ValueTask WriteEventAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var builder = RentBuilder();
        EventTextFormatter.Append(builder, cloudEvent);
        return WriteAsync(builder, cancellationToken);
    }

    /// <summary>A cleared builder owned by this thread until <see cref="WriteAsync"/> is called with it.</summary>
    public static StringBuilder RentBuilder()
    {
        var builder = cachedBuilder ??= new StringBuilder(1024);
        builder.Clear();
        return builder;
    }

    /// <summary>Queues the text of a builder from <see cref="RentBuilder"/> (copied; the builder may be reused at once).</summary>
    public ValueTask WriteAsync(StringBuilder builder, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, builder.Length));
        builder.CopyTo(0, buffer, builder.Length);
        var chunk = new OutputChunk(buffer, builder.Length);
        if (builder.Capacity > MaxCachedBuilderCapacity && ReferenceEquals(builder, cachedBuilder))
        {
            cachedBuilder = null;
        }

        return queue.Writer.TryWrite(chunk) ? default : WriteSlowAsync(chunk, cancellationToken);
    }

    /// <summary>Stops taking text, writes what is queued and flushes.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private async ValueTask WriteSlowAsync(OutputChunk chunk, CancellationToken cancellationToken)
    {
        try
        {
            await queue.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            ArrayPool<char>.Shared.Return(chunk.Buffer);
            if (ex is OperationCanceledException)
            {
                throw;
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var chunk))
            {
                Guard(() => output.Write(chunk.Buffer, 0, chunk.Length));
                ArrayPool<char>.Shared.Return(chunk.Buffer);
            }

            Guard(output.Flush);
        }
    }

    private void Guard(Action write)
    {
        if (failed)
        {
            return;
        }

        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
        {
            failed = true;
            EventDisplayLog.OutputFailed(logger, ex);
        }
    }
}
