namespace MqttSource.Testing.Processes;

/// <summary>A child process exited while we waited for it to become ready.</summary>
internal sealed class ProcessExitedException(string program, int exitCode)
    : Exception($"{program} exited with code {exitCode}");
