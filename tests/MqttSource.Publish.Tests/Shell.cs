using System.Diagnostics;
using MqttSource.Testing.Processes;

namespace MqttSource.Publish.Tests;

/// <summary>Runs a program from the repository root to completion, bounded in time, with its output captured.</summary>
internal static class Shell
{
    /// <summary>The repository root (the folder holding MqttSource.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/>; <paramref name="environment"/> is added to this
    /// process's environment (a null value removes a variable). On timeout the whole process tree is killed.
    /// </summary>
    public static async Task<ShellResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(file)
        {
            WorkingDirectory = Root,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        ProcessEnvironment.Apply(startInfo, environment);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"cannot start {file}");
        process.StandardInput.Close(); // no terminal: nothing to read
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return new ShellResult($"{file} {string.Join(' ', startInfo.ArgumentList)}", timedOut ? -1 : process.ExitCode, await stdout, await stderr, timedOut);
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "MqttSource.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("cannot find the repository root");
    }
}
