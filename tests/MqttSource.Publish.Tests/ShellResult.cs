namespace MqttSource.Publish.Tests;

/// <summary>How a program run by <see cref="Shell"/> ended, with everything it wrote.</summary>
internal sealed record ShellResult(string Command, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public string Output => StandardOutput + StandardError;

    public override string ToString() =>
        $"{Command}\nexit code {ExitCode}{(TimedOut ? " (timed out)" : string.Empty)}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
