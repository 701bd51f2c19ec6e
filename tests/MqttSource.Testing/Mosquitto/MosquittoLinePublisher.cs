using System.Diagnostics;
using MqttSource.Testing.Processes;

namespace MqttSource.Testing.Mosquitto;

/// <summary>
/// One long-running <c>mosquitto_pub -l</c>: each line written is published at once as one message over the same
/// connection, so a test can publish at its own pace. <see cref="CompleteAsync"/> closes stdin; mosquitto_pub then
/// waits for the outstanding acknowledgements and exits.
/// </summary>
public sealed class MosquittoLinePublisher : IAsyncDisposable
{
    private const int MaxCapturedLines = 1000;

    private readonly Process _process;
    private readonly BoundedLineBuffer _output = new(MaxCapturedLines);
    private readonly BoundedLineBuffer _error = new(MaxCapturedLines);
    private readonly string _command;

    private MosquittoLinePublisher(ProcessStartInfo startInfo)
    {
        _command = $"{startInfo.FileName} {string.Join(' ', startInfo.ArgumentList)}";
        _process = ChildProcess.Start(startInfo, _output.Add, _error.Add);
        _process.StandardInput.NewLine = "\n";
    }

    /// <summary>Lines written so far.</summary>
    public int Written { get; private set; }

    /// <summary>Starts <c>mosquitto_pub -l</c> on <paramref name="topic"/> with <paramref name="options"/>.</summary>
    public static MosquittoLinePublisher Start(MosquittoClientOptions options, string topic)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = options.PublishArguments(topic);
        arguments.Add("-l");
        arguments.AddRange(options.ExtraArguments);
        return new MosquittoLinePublisher(ChildProcess.CreateStartInfo("mosquitto_pub", arguments, redirectInput: true));
    }

    /// <summary>Publishes each of <paramref name="lines"/> (no line breaks inside) now.</summary>
    public async Task PublishAsync(IEnumerable<string> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"mosquitto_pub exited with {_process.ExitCode}.\n{_error}");
        }

        foreach (var line in lines)
        {
            await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            Written++;
        }

        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the input and waits for mosquitto_pub to exit (killed after <paramref name="timeout"/>).</summary>
    public async Task<MosquittoClientResult> CompleteAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var timedOut = false;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            timedOut = e is OperationCanceledException && !cancellationToken.IsCancellationRequested;
            ChildProcess.KillQuietly(_process);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        _process.WaitForExit();
        return new MosquittoClientResult(_command, _process.ExitCode, _output.ToString(), _error.ToString(), timedOut);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        ChildProcess.KillQuietly(_process);
        _process.WaitForExit();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
