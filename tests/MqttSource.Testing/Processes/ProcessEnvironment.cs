using System.Diagnostics;

namespace MqttSource.Testing.Processes;

/// <summary>Environment changes for a child process: each entry is set, or removed when its value is null.</summary>
public static class ProcessEnvironment
{
    public static void Apply(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }
    }
}
