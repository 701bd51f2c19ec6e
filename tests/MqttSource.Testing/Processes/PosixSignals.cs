using System.Runtime.InteropServices;

namespace MqttSource.Testing.Processes;

/// <summary>kill(2): .NET can only SIGKILL a process; a clean stop needs SIGTERM.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed with errno {errno}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
