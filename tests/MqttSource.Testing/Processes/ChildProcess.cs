using System.Diagnostics;
using MqttSource.Testing.Mosquitto;

namespace MqttSource.Testing.Processes;

/// <summary>Runs a program to completion with a time limit, capturing its output.</summary>
internal static class ChildProcess
{
    private const int MaxCapturedLines = 10_000;

    public static ProcessStartInfo CreateStartInfo(string program, IEnumerable<string> arguments, bool redirectInput)
    {
        var startInfo = new ProcessStartInfo(Executables.Find(program))
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>Starts a process whose output lines go to <paramref name="standardOutput"/> and <paramref name="standardError"/>.</summary>
    public static Process Start(ProcessStartInfo startInfo, Action<string> standardOutput, Action<string> standardError)
    {
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                standardOutput(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                standardError(e.Data);
            }
        };
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs <paramref name="program"/>; kills it when <paramref name="timeout"/> passes.</summary>
    public static async Task<MosquittoClientResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IEnumerable<string>? standardInputLines,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var output = new BoundedLineBuffer(MaxCapturedLines);
        var error = new BoundedLineBuffer(MaxCapturedLines);
        var startInfo = CreateStartInfo(program, arguments, standardInputLines is not null);
        using var process = Start(startInfo, output.Add, error.Add);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            if (standardInputLines is not null)
            {
                await WriteLinesAsync(process.StandardInput, standardInputLines, limit.Token).ConfigureAwait(false);
            }

            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            timedOut = !cancellationToken.IsCancellationRequested && e is OperationCanceledException;
            KillQuietly(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // WaitForExit without a timeout also waits for the asynchronous output readers to drain.
        process.WaitForExit();
        var command = $"{program} {string.Join(' ', startInfo.ArgumentList)}";
        return new MosquittoClientResult(command, process.ExitCode, output.ToString(), error.ToString(), timedOut);
    }

    public static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static async Task WriteLinesAsync(StreamWriter input, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        input.NewLine = "\n";
        foreach (var line in lines)
        {
            await input.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await input.FlushAsync(cancellationToken).ConfigureAwait(false);
        input.Close();
    }
}
