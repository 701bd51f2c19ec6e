namespace MqttSource.Testing.Mosquitto;

/// <summary>How a mosquitto_pub / mosquitto_sub run ended.</summary>
/// <param name="Command">The command line, for messages.</param>
/// <param name="ExitCode">The exit code (0 is success; meaningless when <paramref name="TimedOut"/>).</param>
/// <param name="StandardOutput">What it wrote to stdout.</param>
/// <param name="StandardError">What it wrote to stderr (connection and TLS errors land here).</param>
/// <param name="TimedOut">True when it was killed at its time limit.</param>
public sealed record MosquittoClientResult(string Command, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    /// <summary>True when the tool exited with code 0 in time.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Command}\nexit code {ExitCode}{(TimedOut ? " (timed out, killed)" : string.Empty)}\nstdout:\n{StandardOutput}stderr:\n{StandardError}";
}
